"""The Decap CMS configuration of the site, generated from ``schema.json``.

The schema is the one definition of the data: its ``title`` of a field is the
field's label, its ``description`` the hint below it (both English, translated
by the extension's catalog, so the labels are the names the warnings use).
Every page a reader sees is one entry of a ``files`` collection: a strategy
page with the fields of its page type in the shape it is written in (flat or
nested, read from its own front matter), any other page with its title and
its Markdown text.  Each page type that editors may add pages of has a
``folder`` collection with ``create: true``.  The fields are generated once
per page type, shape and present parts, however many pages share them.
Plain data and strings here; :mod:`.site` writes the configuration into the
built site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from ..core import vocabulary
from ..directives import PAGE_TAG
from ..naming import KeyPath
from ..schema import schema

Translate = Callable[[str], str]

#: The body of a strategy page, the tag of its page type: the CMS keeps it as
#: a hidden field.
BODY = "<ProjectPage />"

FLAT, NESTED = "flat", "nested"

#: The pages' format, the admin page's ``strategy-format.js``: Decap's YAML
#: front matter, except that a page whose YAML does not parse opens as its
#: messages, in the field ``UNREADABLE`` (the widget of that name shows them
#: and refuses to validate), and is never saved.
FORMAT = "strategy-frontmatter"
UNREADABLE = "_unreadable"
UNREADABLE_WIDGET = "strategy-unreadable"

#: Places of the schema that a shape does not use.
_NOT_IN_SHAPE: dict[str, set[KeyPath]] = {
    FLAT: {("structure", "items")},
    NESTED: {("structures",)},
}

#: Descriptions are Markdown without headings or images (the items have
#: fields for those); rich text first, the Markdown source one click away.
_MARKDOWN = {
    "widget": "markdown",
    "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
    "editor_components": [],
    "modes": ["rich_text", "raw"],
    "sanitize_preview": True,
}

#: Images come from the site's image folder: no addresses of other sites.
_IMAGE = {"widget": "image", "choose_url": False, "allow_multiple": False}

#: The schema's building blocks that have a widget of their own, by name.
_WIDGETS_BY_DEFINITION = {"#/$defs/markdown": _MARKDOWN, "#/$defs/image": _IMAGE}


#: The page types editors create new pages of: the folder below the new
#: pages' folder (the collection's name too), and the collection's label and
#: that of one page (English, translated by the catalog).
NEW_PAGE_TYPES: dict[str, tuple[str, str, str]] = {
    "ProgressPage": ("ergebnisse", "Progress pages", "Progress page"),
    "ContributePage": ("mitmachen", "Contribute pages", "Contribute page"),
    "LandingPage": ("einstieg", "Landing pages", "Landing page"),
}


@dataclass(frozen=True)
class Page:
    """A strategy page, as the CMS edits it."""

    #: the entry's name in the CMS's addresses (``#/collections/seiten/entries/…``)
    name: str
    label: str
    #: the file, relative to the repository's top, POSIX
    file: str
    shape: str
    #: the page's address relative to the site's root (``projekt.html``)
    preview_path: str
    #: the top-level keys the CMS offers: those of the page type's parts
    keys: tuple[str, ...] = ()
    #: those the page has (``hero``, ``goals``, …): required in the CMS
    parts: frozenset[str] = frozenset()
    #: what follows the front matter: the CMS's tag of the page type
    body: str = BODY
    #: where YAML could not read the front matter, the build's messages of
    #: why, each with its line: the CMS refuses to edit the page
    unreadable: tuple[str, ...] = ()
    #: a page without strategy data: the CMS offers its title and its text
    text: bool = False


@dataclass(frozen=True)
class NewPages:
    """A folder the CMS creates pages of one page type in."""

    #: the page type's tag (``ProgressPage``), the body of each new page
    tag: str
    #: the collection's name: its folder's name too (``ergebnisse``)
    name: str
    #: the folder, relative to the repository's top, POSIX
    folder: str
    #: a new page's address relative to the site's root, with Decap's
    #: ``{{slug}}`` for its file name (``seiten/ergebnisse/{{slug}}.html``)
    preview_path: str


@dataclass(frozen=True)
class Settings:
    """Where the content lives and how editors reach it."""

    #: the folder images are stored in, relative to the repository's top, and
    #: the path the pages name them by (``/images/x.svg``)
    media_folder: str
    public_folder: str = "/images"
    #: GitHub: ``owner/name`` and the branch the site is published from
    repo: str = ""
    branch: str = "main"
    #: Read the Docs project slug: its pull-request check is the deploy preview
    rtd_slug: str = ""
    #: further settings of the backend (authentication: ``base_url``, …)
    backend: Mapping[str, Any] = field(default_factory=dict)
    site_url: str = ""
    #: the address of the local proxy (decap-server), for ``make cms``
    local_backend: str = ""
    #: the folders new pages are created in, one per page type
    new_pages: tuple[NewPages, ...] = ()


def page_keys(body: str, data: Any) -> tuple[str, ...]:
    """The top-level keys of a page: those its page type reads (by the tag in
    its ``body``), or, for a tag the registry does not know, those it has."""
    match = PAGE_TAG.match(body)
    page_type = vocabulary.PAGE_TYPES.get(match["tag"]) if match else None
    if page_type is not None:
        wanted = {
            key for part in page_type.parts for key in vocabulary.PARTS[part].keys
        }
    else:
        wanted = set(data) if isinstance(data, dict) else set()
    return tuple(key for key in schema()["properties"] if key in wanted)


def shape_of(data: Any) -> str:
    """The shape a page's front matter is written in; nested without a sign."""
    if not isinstance(data, dict):
        return NESTED
    goals, structure = data.get("goals"), data.get("structure")
    if isinstance(goals, dict) or (
        isinstance(structure, dict) and "items" in structure
    ):
        return NESTED
    if isinstance(goals, list) or "structures" in data:
        return FLAT
    return NESTED


def preview_context(rtd_slug: str) -> str:
    """The name of the check Read the Docs posts on a pull request."""
    return f"docs/readthedocs:{rtd_slug}"


def cms_config(
    pages: Iterable[Page], settings: Settings, translate: Translate
) -> dict[str, Any]:
    """The whole configuration (``config.yml``) as plain data."""
    _ = translate
    backend: dict[str, Any] = {"name": "github", "branch": settings.branch}
    if settings.repo:
        backend["repo"] = settings.repo
    if settings.rtd_slug:
        backend["preview_context"] = preview_context(settings.rtd_slug)
    backend.update(settings.backend)
    config: dict[str, Any] = {
        "backend": backend,
        # Every change is a draft first: a branch and a pull request, published
        # by merging it (the local proxy knows no drafts and saves directly).
        "publish_mode": "editorial_workflow",
        "locale": "de",
        "media_folder": settings.media_folder,
        "public_folder": settings.public_folder,
        "media_processing": MEDIA_PROCESSING,
        # Uploaded files get names that work in every address.
        "slug": {"encoding": "ascii", "clean_accents": True},
        "show_preview_links": True,
    }
    if settings.local_backend:
        config["local_backend"] = {"url": settings.local_backend}
    if settings.site_url:
        config["site_url"] = config["display_url"] = settings.site_url
    config["collections"] = [
        {
            "name": "seiten",
            "label": _("Pages"),
            "label_singular": _("Page"),
            "format": FORMAT,
            "extension": "md",
            # The CMS's own preview is not the site's: the preview build is.
            "editor": {"preview": False},
            "files": [page_entry(page, translate) for page in pages],
        },
        *(new_pages_collection(new, translate) for new in settings.new_pages),
    ]
    return config


def page_entry(page: Page, translate: Translate) -> dict[str, Any]:
    if page.text:
        entry_fields = text_fields(translate)
    else:
        entry_fields = page_fields(page.shape, page.keys, page.parts, translate)
    return {
        "name": page.name,
        "label": page.label,
        "file": page.file,
        "preview_path": page.preview_path,
        "fields": [
            *entry_fields,
            *(() if page.text else (body_field(page.body, translate),)),
        ],
    }


def new_pages_collection(new: NewPages, translate: Translate) -> dict[str, Any]:
    """The folder collection of one page type: editors add pages there."""
    _folder, label, singular = NEW_PAGE_TYPES[new.tag]
    keys = page_keys(f"<{new.tag} />", None)
    return {
        "name": new.name,
        "label": translate(label),
        "label_singular": translate(singular),
        "folder": new.folder,
        "create": True,
        "format": FORMAT,
        "extension": "md",
        # The file's name from the page's title, as every address can hold it.
        "identifier_field": "title",
        "slug": "{{slug}}",
        "summary": "{{title}}",
        "preview_path": new.preview_path,
        "editor": {"preview": False},
        # A new page has its opening: the rest the editor adds as needed.
        "fields": [
            *page_fields(NESTED, keys, frozenset({"hero"}), translate, titled=True),
            body_field(f"<{new.tag} />", translate),
        ],
    }


def body_field(body: str, translate: Translate) -> dict[str, Any]:
    """The page's body, the tag of its page type: kept as the page has it;
    editors never see it."""
    return {
        "name": "body",
        "label": translate("Page body"),
        "widget": "hidden",
        "default": body,
    }


@lru_cache(maxsize=64)
def page_fields(
    shape: str,
    keys: tuple[str, ...],
    parts: frozenset[str],
    translate: Translate,
    titled: bool = False,
) -> tuple[dict[str, Any], ...]:
    """The fields of a strategy page, but its body: once per page type, shape
    and present parts (the dump writes them once, as an alias elsewhere).
    ``titled``: the page's own ``title`` is required (a new page's file name
    comes from it)."""
    return (
        # Empty, and hidden by the admin page, where the page is readable.
        {
            "name": UNREADABLE,
            "label": translate("The page cannot be read"),
            "widget": UNREADABLE_WIDGET,
            "required": False,
        },
        title_field(translate, titled),
        *fields(shape, translate, keys, parts),
    )


def title_field(translate: Translate, required: bool = False) -> dict[str, Any]:
    """The page's own ``title``: the browser tab's and the navigation's."""
    return {
        "name": "title",
        "label": translate("Page title"),
        "widget": "string",
        "required": required,
        "hint": translate(
            "The page's name in the browser tab and in the navigation; without "
            "it, the page's first heading."
        ),
    }


@lru_cache(maxsize=8)
def text_fields(translate: Translate) -> tuple[dict[str, Any], ...]:
    """The fields of a page without strategy data: its title and its text,
    as written (its MyST directives must stay as they are)."""
    return (
        title_field(translate),
        {
            "name": "body",
            "label": translate("Page text"),
            "widget": "text",
            "required": False,
            "hint": translate(
                "Markdown: # starts a heading, a blank line a new paragraph. Leave "
                "blocks in ``` and {…} as they are: they insert parts of the site."
            ),
        },
    )


def fields(
    shape: str, translate: Translate, keys: Iterable[str], parts: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """The fields of the top-level ``keys`` for a page in ``shape`` that has
    the top-level ``parts``."""
    offered = frozenset(keys)
    root = schema()
    top = {
        "properties": {
            key: rules for key, rules in root["properties"].items() if key in offered
        }
    }
    return list(_Fields(shape, translate, frozenset(parts)).of(top, ()))


def item_name(path: KeyPath, translate: Translate) -> str:
    """What one item of the list at ``path`` is called: „Ziel“ (from „Ziel 4“)."""
    template = vocabulary.item_lists().get(path, "Entry {number}")
    return translate(template).replace("{number}", "").strip()


@dataclass(frozen=True)
class _Fields:
    """The schema's properties as Decap fields, for one shape of page."""

    shape: str
    translate: Translate
    parts: frozenset[str]

    def of(
        self, node: dict[str, Any], path: KeyPath, enclosing: bool = True
    ) -> Iterator[dict[str, Any]]:
        """The fields of the object ``node`` at ``path``.

        A top-level part is required where the page has it.  Below it a field
        is required where the schema requires it in its object and that
        object is required too (``enclosing``): Decap checks the fields of an
        optional object that the page lacks, and would refuse to save.
        """
        required = set(node.get("required", ()))
        for key, rules in node.get("properties", {}).items():
            where = (*path, key)
            if where in _NOT_IN_SHAPE[self.shape]:
                continue
            needed = key in self.parts if not path else enclosing and key in required
            yield self.field(key, rules, where, needed)

    def field(
        self, key: str, rules: dict[str, Any], path: KeyPath, required: bool
    ) -> dict[str, Any]:
        resolved = _resolved(rules)
        title = resolved.get("title")
        if not title:
            raise ValueError(f"schema.json: {_dotted(path)} has no title")
        entry: dict[str, Any] = {"name": key, "label": self.translate(title)}
        if resolved.get("description"):
            entry["hint"] = self.translate(resolved["description"])
        entry["required"] = required
        kind = _type(resolved, self.shape)
        widget = _WIDGETS_BY_DEFINITION.get(rules.get("$ref", ""))
        if widget is not None:
            entry.update(widget)
        elif kind == "string":
            entry["widget"] = "string"
        elif kind == "object":
            entry["widget"] = "object"
            entry["fields"] = list(self.of(resolved, path, required))
        elif kind == "array":
            items = _resolved(resolved["items"])
            entry["widget"] = "list"
            entry["label_singular"] = item_name(path, self.translate)
            entry["summary"] = "{{fields.title}}"
            entry["collapsed"] = True
            # An item, once there, is whole: its own required fields are.
            entry["fields"] = list(self.of(items, (*path, 0)))
        else:  # pragma: no cover - the schema has no other kinds
            raise ValueError(f"schema.json: {_dotted(path)}: type {kind!r}")
        first = ("name", "label", "widget", "required", "hint")
        return {key: entry[key] for key in first if key in entry} | entry


def _dotted(path: KeyPath) -> str:
    return ".".join(str(key) for key in path)


def _type(rules: dict[str, Any], shape: str) -> str:
    kind = rules.get("type")
    if isinstance(kind, list):  # the goals: a list (flat) or a mapping (nested)
        return "array" if shape == FLAT else "object"
    return str(kind)


def _resolved(rules: dict[str, Any]) -> dict[str, Any]:
    """``rules`` with the definition it refers to; its own keys win."""
    reference = rules.get("$ref")
    if reference is None:
        return rules
    target = schema()["$defs"][reference.removeprefix("#/$defs/")]
    siblings = {key: value for key, value in rules.items() if key != "$ref"}
    return {**_resolved(target), **siblings}


#: libyaml's dumper where PyYAML has it: ten times as fast, and the
#: configuration needs no line numbers.  The fields a page type's pages share
#: are one object (:func:`page_fields`), written once and named by an alias
#: (``&id001``, ``*id001``) at every other page: Decap reads aliases without
#: limit (its config loader sets ``maxAliasCount: -1``).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


#: Decap re-encodes each photo uploaded (JPEG, PNG, WebP) before it is saved:
#: a phone's photo shrinks, and loses its metadata (where it was taken).  It
#: keeps the photo's size in pixels: Decap's ``width`` would enlarge smaller
#: ones too, so a photo too large gets the build's notice instead.
MEDIA_PROCESSING = {"enabled": True, "quality": 80, "strip_metadata": True}


def dump(config: Mapping[str, Any]) -> str:
    """``config`` as the YAML of ``config.yml``, in its own order."""
    return yaml.dump(
        dict(config),
        Dumper=_DUMPER,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=88,
    )
