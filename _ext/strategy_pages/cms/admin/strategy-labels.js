// The office's words in Decap CMS.
//
// The workflow's steps as the editors' guide names them: Entwurf, In Prüfung,
// Bereit, Veröffentlichen (Decap's German says „Zur Überprüfung“ and
// „Abgeschlossen“).  And German nouns stay capitalised: Decap writes a
// list's count and its add button in lower case („3 ziele“, „ziel
// hinzufügen“); the admin page names the lists' labels (strategy-lists), and
// their lower-cased forms are put back as the configuration writes them.
(function () {
  "use strict";

  var de = CMS.getLocale("de");
  var toolbar = de.editor.editorToolbar;
  toolbar.inReview = "In Prüfung";
  toolbar.ready = "Bereit";
  toolbar.statusInfoTooltipDraft =
    "Der Beitrag ist ein Entwurf. Ist er fertig, setzen Sie den Status auf „In Prüfung“.";
  var list = de.workflow.workflowList;
  list.readyHeader = "Bereit";
  list.onPublishingNotReadyEntry =
    "Veröffentlichen lassen sich nur Beiträge im Status „Bereit“. Ziehen Sie " +
    "den Beitrag in die Spalte „Bereit“.";
  CMS.registerLocale("de", de);

  var labels = JSON.parse(
    document.getElementById("strategy-lists").textContent
  );
  var proper = {};
  labels.forEach(function (label) {
    proper[label.toLowerCase()] = label;
  });
  var COUNT = /^(\d+) (.+)$/;
  var ADD = /^(.+) hinzufügen$/;

  function capitalised(text) {
    var match = COUNT.exec(text);
    if (match && proper[match[2]]) {
      return match[1] + " " + proper[match[2]];
    }
    match = ADD.exec(text);
    if (match && proper[match[1]]) {
      return proper[match[1]] + " hinzufügen";
    }
    return null;
  }

  function mend(node) {
    if (node.nodeType === Node.TEXT_NODE) {
      var better = capitalised(node.nodeValue);
      if (better !== null && better !== node.nodeValue) {
        node.nodeValue = better;
      }
      return;
    }
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      mend(walker.currentNode);
    }
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "characterData") {
        mend(record.target);
      } else {
        record.addedNodes.forEach(mend);
      }
    });
  }).observe(document.documentElement, {
    childList: true,
    characterData: true,
    subtree: true,
  });
})();
