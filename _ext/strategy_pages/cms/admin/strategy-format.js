// The strategy pages' front matter for Decap CMS: a format that never saves
// over what it cannot read.
//
// Decap's own yaml-frontmatter opens a page whose YAML does not parse as an
// empty form, and saving writes that form over the file.  This format opens
// such a page with the German messages of the build (embedded in the admin
// page by strategy_pages.cms.site, for each page the build had to recover
// from a slip) or, for a file changed since, with the line js-yaml names;
// the field that shows them refuses to validate, and toFile refuses to write.
// Keys without a field in the CMS stay in the entry's data, so a save keeps
// them.
(function () {
  "use strict";

  // As strategy_pages.cms.config: the key, the widget, the format.
  var KEY = "_unreadable";
  var WIDGET = "strategy-unreadable";
  var FORMAT = "strategy-frontmatter";
  // As strategy_pages.loading._FRONT_MATTER.
  var FRONT_MATTER = /^---[ \t]*\n([\s\S]*?\n)?---[ \t]*(?:\n|$)/;

  var known = JSON.parse(
    document.getElementById("strategy-unreadable").textContent
  );

  function refusal(lines) {
    var data = {};
    data[KEY] = [known.message].concat(lines).join("\n");
    return data;
  }

  function yamlError(line) {
    return known.yaml_error.replace("{line}", String(line));
  }

  function fromFile(content) {
    var page = known.pages.find(function (page) {
      return page.text === content;
    });
    if (page) {
      return refusal(page.messages);
    }
    var text = content.replace(/\r\n?/g, "\n");
    var match = FRONT_MATTER.exec(text);
    if (!match) {
      return text.trim() ? { body: text } : {};
    }
    var data;
    try {
      // The core schema keeps a date a string and writes it back unquoted,
      // as the build reads it; js-yaml quotes yes, no, on and off.
      data = jsyaml.safeLoad(match[1] || "", { schema: jsyaml.CORE_SCHEMA });
    } catch (error) {
      // The front matter starts on the file's second line.
      return refusal([yamlError(error.mark ? error.mark.line + 2 : 2)]);
    }
    if (data === null || data === undefined) {
      data = {};
    }
    if (typeof data !== "object" || Array.isArray(data)) {
      return refusal([yamlError(2)]);
    }
    var body = text.slice(match[0].length);
    return Object.assign({}, data, body.trim() ? { body: body } : {});
  }

  function toFile(data, sortedKeys) {
    if (data[KEY]) {
      throw new Error(data[KEY]);
    }
    var order = sortedKeys || [];
    var rank = function (key) {
      var index = order.indexOf(key);
      return index < 0 ? order.length : index;
    };
    var meta = {};
    Object.keys(data)
      .filter(function (key) {
        // An empty page title would blank the browser tab: the page's first
        // heading names it instead.
        var untitled = key === "title" && !String(data[key] || "").trim();
        return key !== "body" && key !== KEY && !untitled;
      })
      .sort(function (a, b) {
        return rank(a) - rank(b);
      })
      .forEach(function (key) {
        meta[key] = data[key];
      });
    var yaml = Object.keys(meta).length
      ? jsyaml.safeDump(meta, {
          schema: jsyaml.CORE_SCHEMA,
          noRefs: true,
          skipInvalid: true,
        })
      : "";
    // A page without front matter (the start page) keeps having none.
    return (yaml ? "---\n" + yaml + "---\n" : "") + (data.body || "");
  }

  CMS.registerWidget(
    WIDGET,
    createClass({
      isValid: function () {
        return this.props.value
          ? { error: { type: "CUSTOM", message: known.message } }
          : true;
      },
      render: function () {
        if (!this.props.value) {
          return h("span", { className: "strategy-readable" });
        }
        return h(
          "div",
          { className: "strategy-unreadable", role: "alert" },
          this.props.value.split("\n").map(function (line, index) {
            return h("p", { key: index }, line);
          })
        );
      },
    })
  );
  CMS.registerCustomFormat(FORMAT, "md", { fromFile: fromFile, toFile: toFile });
})();
