"""Publish the CMS with the site: ``admin/index.html`` and ``admin/config.yml``.

After an HTML build the configuration is written from the pages the build
found (:mod:`.config`), so it cannot drift from the schema or the pages.  The
hosted admin loads the pinned Decap CMS release from npm's CDN; ``make cms``
builds the preview with a local copy and the local proxy instead
(``strategy_cms_bundle``, ``strategy_cms_local_backend``).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.matching import Matcher

from .. import data, messages
from ..loading import closing_line, split_front_matter
from ..schema import has_strategy_data, schema
from ..store import PageSource, store
from ..versioning import git
from .config import (
    BODY,
    NEW_PAGE_TYPES,
    NewPages,
    Page,
    Settings,
    Translate,
    cms_config,
    dump,
    page_keys,
    shape_of,
)
from .navigation import setup_navigation

_ = get_translation("strategy_pages")
logger = logging.getLogger(__name__)

#: The Decap CMS release the site uses: as .cms/package.json pins it.
DECAP_VERSION = "3.16.3"
DEFAULT_BUNDLE = f"https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js"
#: Subresource integrity of DEFAULT_BUNDLE (the file in the npm package).
DEFAULT_BUNDLE_INTEGRITY = (
    "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
)

#: The folder below the image folder that the CMS stores images in, as the
#: pages name it: ``/images/x.svg``.
PUBLIC_FOLDER = "/images"

#: The admin page's own scripts (js-yaml: as .cms/package-lock.json pins it).
ADMIN_FILES = Path(__file__).with_name("admin")
ADMIN_SCRIPTS = ("js-yaml.min.js", "strategy-format.js", "strategy-labels.js")

#: The builders whose output is a website.
_SITE_BUILDERS = frozenset({"html", "dirhtml"})

_GITHUB_REMOTE = re.compile(
    r"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<repo>[\w.-]+/[\w.-]+?)(?:\.git)?/?$"
)


def setup_cms(app: Sphinx) -> None:
    app.add_config_value(
        "strategy_cms_repo",
        "",
        "",
        types=frozenset({str}),
        description="GitHub repository the CMS edits (owner/name); '' takes it "
        "from Read the Docs or from the git remote 'origin'.",
    )
    app.add_config_value(
        "strategy_cms_branch",
        "main",
        "",
        types=frozenset({str}),
        description="The branch the site is published from: drafts are pull "
        "requests into it.",
    )
    app.add_config_value(
        "strategy_cms_rtd_slug",
        os.environ.get("READTHEDOCS_PROJECT", ""),
        "",
        types=frozenset({str}),
        description="Read the Docs project slug: its pull-request check "
        "(docs/readthedocs:<slug>) is the CMS's deploy preview.",
    )
    app.add_config_value(
        "strategy_cms_backend",
        {},
        "",
        types=frozenset({dict}),
        description="Further settings of the CMS's GitHub backend, such as "
        "base_url and auth_endpoint of an OAuth client.",
    )
    app.add_config_value(
        "strategy_cms_new_pages",
        "seiten",
        "",
        types=frozenset({str}),
        description="Folder below the sources that the CMS creates new pages "
        "in, one subfolder per page type (seiten/ergebnisse/…); '' for none.",
    )
    app.add_config_value(
        "strategy_cms_exclude",
        [],
        "",
        types=frozenset({list, tuple}),
        description="Patterns of source files (as exclude_patterns) that the "
        "CMS does not offer, such as the maintainers' pages.",
    )
    app.add_config_value(
        "strategy_cms_bundle",
        DEFAULT_BUNDLE,
        "",
        types=frozenset({str}),
        description="Address of the Decap CMS script that admin/index.html loads.",
    )
    app.add_config_value(
        "strategy_cms_local_backend",
        "",
        "",
        types=frozenset({str}),
        description="Address of a local decap-server (make cms); '' for none.",
    )
    setup_navigation(app)
    # After the build read the page (data.on_source_read, priority 500).
    app.connect("source-read", note_page, priority=600)
    app.connect("build-finished", write_admin)


def write_admin(app: Sphinx, exception: BaseException | None) -> None:
    """Write ``admin/`` into the output of a website build."""
    if exception is not None or app.builder.name not in _SITE_BUILDERS:
        return
    root = repository_root(Path(app.srcdir), Path(app.confdir))
    translate = messages.translate
    pages = list(cms_pages(app, root))
    config = cms_config(pages, settings(app, root), translate)
    admin = Path(app.outdir) / "admin"
    admin.mkdir(parents=True, exist_ok=True)
    (admin / "config.yml").write_text(dump(config), encoding="utf-8")
    for script in ADMIN_SCRIPTS:
        shutil.copyfile(ADMIN_FILES / script, admin / script)
    (admin / "index.html").write_text(
        admin_page(
            str(app.config.project),
            app.config.strategy_cms_bundle,
            unreadable_pages(pages, root),
            list_labels(config),
            missing_settings(config, translate),
        ),
        encoding="utf-8",
    )


def list_labels(config: dict[str, Any]) -> list[str]:
    """The labels of the configuration's lists, which Decap writes in lower
    case (``strategy-labels.js`` puts them back)."""
    found: set[str] = set()

    def visit(fields: Any) -> None:
        for entry in fields if isinstance(fields, (list, tuple)) else ():
            if entry.get("widget") == "list":
                found.update(
                    str(entry[key])
                    for key in ("label", "label_singular")
                    if key in entry
                )
            visit(entry.get("fields"))

    for collection in config["collections"]:
        visit(collection.get("fields"))
        for entry in collection.get("files", ()):
            visit(entry["fields"])
    return sorted(found)


def missing_settings(config: dict[str, Any], translate: Translate) -> list[str]:
    """What the hosted CMS lacks to log in and find the repository, in
    German; nothing for the local CMS (``make cms``), which needs neither."""
    if "local_backend" in config:
        return []
    backend = config["backend"]
    missing = []
    if not backend.get("repo"):
        missing.append(
            translate(
                "The repository the CMS edits is not known: set strategy_cms_repo "
                "in conf.py to its owner/name (for example stadt/strategie), or "
                "give the clone a remote 'origin' on GitHub."
            )
        )
    name = backend.get("name")
    if name == "github" and not backend.get("base_url"):
        missing.append(
            translate(
                "Logging in with GitHub needs an OAuth service: set base_url (and "
                "auth_endpoint if need be) in strategy_cms_backend in conf.py; the "
                "editors' guide names the steps."
            )
        )
    if name == "gitlab" and not (
        backend.get("app_id") and backend.get("auth_type") == "pkce"
    ):
        missing.append(
            translate(
                "Logging in with GitLab needs the ID of an OAuth application: set "
                "app_id and auth_type: pkce in strategy_cms_backend in conf.py; "
                "the editors' guide names the steps."
            )
        )
    if name == "gitea" and not all(
        backend.get(key) for key in ("app_id", "base_url", "api_root")
    ):
        missing.append(
            translate(
                "Logging in with Gitea needs the ID of an OAuth application and "
                "the server's address: set app_id, base_url and api_root in "
                "strategy_cms_backend in conf.py; the editors' guide names the "
                "steps."
            )
        )
    return missing


def repository_root(srcdir: Path, confdir: Path) -> Path:
    """The top of the repository the CMS edits: git's, else the config's folder."""
    top = git(srcdir, "rev-parse", "--show-toplevel")
    if top is not None:
        return Path(top).resolve()
    srcdir, confdir = srcdir.resolve(), confdir.resolve()
    return confdir if srcdir.is_relative_to(confdir) else srcdir


def settings(app: Sphinx, root: Path) -> Settings:
    config = app.config
    images = Path(app.srcdir, config.strategy_image_folder, PUBLIC_FOLDER[1:])
    return Settings(
        media_folder=images.resolve().relative_to(root).as_posix(),
        public_folder=PUBLIC_FOLDER,
        repo=config.strategy_cms_repo or github_repository(root),
        branch=config.strategy_cms_branch,
        rtd_slug=config.strategy_cms_rtd_slug,
        backend=dict(config.strategy_cms_backend),
        site_url=config.html_baseurl,
        local_backend=config.strategy_cms_local_backend,
        new_pages=tuple(new_pages(app, root)),
    )


def new_pages(app: Sphinx, root: Path) -> Iterator[NewPages]:
    """The folders of new pages, one per page type editors may add."""
    folder = app.config.strategy_cms_new_pages.strip("/")
    if not folder:
        return
    srcdir = Path(app.srcdir).resolve()
    for tag, (name, _label, _singular) in NEW_PAGE_TYPES.items():
        docname = f"{folder}/{name}/SLUG"
        yield NewPages(
            tag=tag,
            name=name,
            folder=(srcdir / folder / name).relative_to(root).as_posix(),
            preview_path=app.builder.get_target_uri(docname).replace(
                "SLUG", "{{slug}}"
            ),
        )


def github_repository(root: Path) -> str:
    """``owner/name`` of the GitHub repository, from Read the Docs or git."""
    for remote in (
        os.environ.get("READTHEDOCS_GIT_CLONE_URL"),
        git(root, "remote", "get-url", "origin"),
    ):
        match = _GITHUB_REMOTE.match(remote or "")
        if match:
            return match.group("repo")
    return ""


def note_page(app: Sphinx, docname: str, content: list[str]) -> None:
    """Keep what the CMS offers of a Markdown page, from the page as the
    build read it (:func:`..data.on_source_read`, which runs first): the CMS
    reads no page a second time."""
    document = data.current(app.env)
    if document is None or Path(document.source).suffix != ".md":
        return
    sources = store(app.env).page_sources
    loaded = document.front_matter
    value = loaded.data.value if loaded.data is not None else None
    # The page's lines as written: the build blanked only its own keys.
    found = split_front_matter(content[0])
    if found is None or not has_strategy_data(value):
        sources[docname] = PageSource("" if loaded.recovered else "text")
        return
    assert isinstance(value, dict)
    yaml_text, first_line = found
    body = content[0].split("\n", closing_line(yaml_text, first_line))[-1].strip()
    sources[docname] = PageSource(
        "strategy",
        label=_label(value, docname),
        shape=shape_of(value),
        keys=page_keys(body, value),
        parts=frozenset(key for key in schema()["properties"] if key in value),
        body=body or BODY,
        unreadable=tuple(
            messages.at_line(problem.line, problem.message)
            for problem in loaded.problems
        )
        if loaded.recovered
        else (),
    )


def cms_pages(app: Sphinx, root: Path) -> Iterator[Page]:
    """The pages the CMS offers as they are, in name order: those with
    strategy data, and the other Markdown pages (the start page, the
    imprint), but those of ``strategy_cms_exclude`` and the new pages, which
    their page type's collection holds."""
    env = app.env
    sources = store(env).page_sources
    left_out = Matcher(app.config.strategy_cms_exclude)
    folder = app.config.strategy_cms_new_pages.strip("/")
    for docname in sorted(env.found_docs):
        source = sources.get(docname)
        path = Path(env.doc2path(docname)).resolve()
        if source is None or not source.kind or not path.is_relative_to(root):
            continue
        relative = path.relative_to(Path(app.srcdir).resolve()).as_posix()
        if left_out(relative) or (folder and relative.startswith(f"{folder}/")):
            continue
        if source.kind == "text":
            yield _text_page(app, docname, path, root)
            continue
        yield Page(
            name=_entry_name(docname),
            label=source.label,
            file=path.relative_to(root).as_posix(),
            shape=source.shape,
            preview_path=app.builder.get_target_uri(docname),
            keys=source.keys,
            parts=source.parts,
            body=source.body,
            unreadable=source.unreadable,
        )


def _text_page(app: Sphinx, docname: str, path: Path, root: Path) -> Page:
    title = app.env.titles.get(docname)
    return Page(
        name=_entry_name(docname),
        label=title.astext().strip() if title is not None else docname,
        file=path.relative_to(root).as_posix(),
        shape="",
        preview_path=app.builder.get_target_uri(docname),
        text=True,
    )


def _entry_name(docname: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-") or "seite"


def unreadable_pages(pages: Iterable[Page], root: Path) -> dict[str, Any]:
    """What the admin page's format needs to refuse the pages the build could
    not read: their text as the CMS receives it, and the build's messages."""
    return {
        "message": messages.cms_unreadable(),
        "yaml_error": messages.at_line("{line}", messages.cms_yaml_error()),
        "pages": [
            {
                "file": page.file,
                "text": (root / page.file).read_bytes().decode("utf-8", "replace"),
                "messages": list(page.unreadable),
            }
            for page in pages
            if page.unreadable
        ],
    }


def _label(value: dict[str, object], docname: str) -> str:
    hero = value.get("hero")
    title = hero.get("title") if isinstance(hero, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else docname


def admin_page(
    project: str,
    bundle: str,
    unreadable: dict[str, Any] | None = None,
    lists: Iterable[str] = (),
    missing: Iterable[str] = (),
) -> str:
    """The CMS's page: Decap reads ``config.yml`` beside it; the pages'
    format (``strategy-format.js``) reads ``unreadable``
    (:func:`unreadable_pages`), ``strategy-labels.js`` the ``lists``' labels.
    Where settings are ``missing``, the page says which, instead of Decap's
    English error."""
    title = html.escape(str(_("Editing: {project}")).format(project=project))
    missing = list(missing)
    if missing:
        items = "\n".join(f"    <li>{html.escape(text)}</li>" for text in missing)
        heading = html.escape(messages.translate("The CMS is not set up yet"))
        return f"""{_head(title)}
</head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
  <h1>{heading}</h1>
  <ul class="strategy-missing">
{items}
  </ul>
</body>
</html>
"""
    integrity = (
        f' integrity="{DEFAULT_BUNDLE_INTEGRITY}" crossorigin="anonymous"'
        if bundle == DEFAULT_BUNDLE
        else ""
    )
    # JSON in a script element: no "<" can end the element.
    known = json.dumps(
        unreadable or unreadable_pages((), Path()), ensure_ascii=False
    ).replace("<", "\\u003c")
    labels = json.dumps(list(lists), ensure_ascii=False).replace("<", "\\u003c")
    return f"""{_head(title)}
  <style>
    /* Decap CMS lays the editor out for 800 px and more: on a phone, fit it
       to the screen; only its toolbar scrolls sideways. */
    @media (max-width: 799px) {{
      [class*="-EditorContainer"],
      [class*="-EditorContainer"] > [class*="-ToolbarContainer"] {{
        min-width: 0 !important;
      }}
      [class*="-EditorContainer"] > [class*="-ToolbarContainer"] {{
        overflow-x: auto;
      }}
    }}
    /* The field of a page that cannot be read: only where it cannot. */
    [class*="-ControlContainer"]:has(.strategy-readable) {{
      display: none;
    }}
    .strategy-unreadable {{
      padding: 12px 16px;
      border-left: 4px solid #d63638;
      background: #fcf0f1;
      color: #1d2327;
      font-size: 15px;
    }}
  </style>
</head>
<body>
  <script type="application/json" id="strategy-unreadable">{known}</script>
  <script type="application/json" id="strategy-lists">{labels}</script>
  <script src="{html.escape(bundle)}"{integrity}></script>
  <script src="js-yaml.min.js"></script>
  <script src="strategy-format.js"></script>
  <script src="strategy-labels.js"></script>
</body>
</html>
"""


def _head(title: str) -> str:
    """The start of an admin page, up to its open head; ``title`` escaped."""
    return f"""<!doctype html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title}</title>"""
