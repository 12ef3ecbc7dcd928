"""The CMS configuration agrees with the schema; the site publishes it at admin/;
the local servers of ``make cms`` serve only what they should, on loopback."""

from __future__ import annotations

import base64
import copy
import gettext
import hashlib
import http.client
import json
import os
import re
import runpy
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import (
    REPO,
    ROOTS,
    build,
    build_in,
    git,
    read_html,
    require_tool,
    warnings_of,
)
from jsonschema import Draft202012Validator
from strategy_pages.cms import local
from strategy_pages.cms import site as site_module
from strategy_pages.cms.config import (
    BODY,
    FLAT,
    NESTED,
    Page,
    Settings,
    cms_config,
    fields,
    page_keys,
    shape_of,
)
from strategy_pages.cms.guard import guard_server
from strategy_pages.cms.site import (
    DECAP_VERSION,
    DEFAULT_BUNDLE,
    DEFAULT_BUNDLE_INTEGRITY,
    admin_page,
    github_repository,
)
from strategy_pages.loading import load_front_matter
from strategy_pages.naming import describe
from strategy_pages.schema import SCHEMA_PATH

LOCALE = REPO / "_ext" / "strategy_pages" / "locale"
GERMAN = gettext.translation("strategy_pages", LOCALE, languages=["de"]).gettext
SCHEMA = Draft202012Validator(json.loads(SCHEMA_PATH.read_text("utf-8")))
#: The top-level keys of a <ProjectPage />.
PROJECT = page_keys(BODY, {})
PARTS = {FLAT: {"hero", "goals", "structure", "structures"}}
PARTS[NESTED] = {"hero", "goals", "structure"}

ITEM = {"title": "T", "description": "*D*", "image": "/images/i.svg", "alt": "A"}
HERO = {
    "title": "T",
    "subtitle": "S",
    "description": "D",
    "image": "/images/h.svg",
    "alt": "A",
    "link": {"text": "L", "url": "https://example.org/"},
}
#: Every field of each shape, written by hand: the oracle the config is held to.
FULL = {
    FLAT: {
        "hero": HERO,
        "goals": [ITEM],
        "structure": {"title": "T", "description": "D"},
        "structures": [ITEM],
    },
    NESTED: {
        "hero": HERO,
        "goals": {"title": "T", "description": "D", "items": [ITEM]},
        "structure": {"title": "T", "description": "D", "items": [ITEM]},
    },
}
SAMPLE = {"string": "x", "markdown": "*x*", "image": "/images/x.svg"}


def field_paths(
    entries: list[dict[str, Any]], path: tuple = ()
) -> Iterator[tuple[tuple, dict[str, Any]]]:
    """Each field with its path in the data; a list's item is at index 0."""
    for entry in entries:
        where = (*path, entry["name"])
        yield where, entry
        if entry["widget"] == "object":
            yield from field_paths(entry["fields"], where)
        elif entry["widget"] == "list":
            yield from field_paths(entry["fields"], (*where, 0))


def data_paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*path, key)
            yield from data_paths(child, (*path, key))
    elif isinstance(value, list):
        for child in value[:1]:
            yield from data_paths(child, (*path, 0))


def written(entries: list[dict[str, Any]], everything: bool) -> dict[str, Any]:
    """What the CMS writes with every field filled in, or the required ones."""
    document: dict[str, Any] = {}
    for entry in entries:
        if not (everything or entry["required"]):
            continue
        if entry["widget"] == "object":
            document[entry["name"]] = written(entry["fields"], everything)
        elif entry["widget"] == "list":
            document[entry["name"]] = [written(entry["fields"], everything)]
        else:
            document[entry["name"]] = SAMPLE[entry["widget"]]
    return document


def without(document: dict[str, Any], path: tuple) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    place = changed
    for key in path[:-1]:
        place = place[key]
    del place[path[-1]]
    return changed


def valid(document: dict[str, Any]) -> bool:
    return not list(SCHEMA.iter_errors(document))


def expected_required(document: dict[str, Any], path: tuple) -> bool:
    """Required in the CMS: the schema requires it, and each object around it
    up to its part or its item (Decap checks fields of an absent object)."""
    places = []
    for end in range(len(path), 1, -1):
        if isinstance(path[end - 1], int):
            break
        places.append(path[:end])
        if isinstance(path[end - 2], int):
            break
    return all(not valid(without(document, place)) for place in places)


@pytest.mark.parametrize("shape", [FLAT, NESTED])
def test_the_oracle_is_valid(shape):
    assert valid(FULL[shape])


@pytest.mark.parametrize("shape", [FLAT, NESTED])
def test_the_cms_offers_exactly_the_fields_of_the_shape(shape):
    offered = {
        path for path, _ in field_paths(fields(shape, GERMAN, PROJECT, PARTS[shape]))
    }
    assert offered == set(data_paths(FULL[shape]))


@pytest.mark.parametrize("shape", [FLAT, NESTED])
@pytest.mark.parametrize("everything", [True, False])
def test_what_the_cms_writes_is_valid(shape, everything):
    document = written(fields(shape, GERMAN, PROJECT, PARTS[shape]), everything)
    assert valid(document), list(SCHEMA.iter_errors(document))


@pytest.mark.parametrize("shape", [FLAT, NESTED])
def test_the_cms_requires_what_the_schema_requires(shape):
    for path, entry in field_paths(fields(shape, GERMAN, PROJECT, PARTS[shape])):
        if len(path) > 1:
            assert entry["required"] is expected_required(FULL[shape], path), path


def test_a_part_is_required_where_the_page_has_it():
    required = {
        entry["name"]: entry["required"]
        for entry in fields(NESTED, GERMAN, PROJECT, {"hero"})
    }
    assert required == {"hero": True, "goals": False, "structure": False}


@pytest.mark.parametrize("shape", [FLAT, NESTED])
def test_labels_are_the_names_the_warnings_use_in_german(shape):
    for path, entry in field_paths(fields(shape, GERMAN, PROJECT, PARTS[shape])):
        english = describe(path).split(", ")[-1]
        assert entry["label"] == GERMAN(english), path
        assert GERMAN(english) != english or english in {"Hero", "Link", "Format"}


def test_every_label_and_hint_is_in_the_german_catalog():
    with (LOCALE / "de" / "LC_MESSAGES" / "strategy_pages.po").open("rb") as po:
        catalog = {message.id: message.string for message in read_po(po)}
    every_key = json.loads(SCHEMA_PATH.read_text("utf-8"))["properties"]
    english = [
        (entry["label"], entry.get("hint"))
        for shape in (FLAT, NESTED)
        for _, entry in field_paths(fields(shape, lambda text: text, every_key))
    ]
    for label, hint in english:
        assert catalog.get(label), label
        assert hint is None or catalog.get(hint), hint


@pytest.mark.parametrize("shape", [FLAT, NESTED])
def test_hints_speak_the_offices_language(shape):
    for _, entry in field_paths(fields(shape, GERMAN, PROJECT, PARTS[shape])):
        for text in (entry["label"], entry.get("hint", "")):
            assert not re.search(r"flache|verschachtelt|Form\b", text), text


@pytest.mark.parametrize("shape", [FLAT, NESTED])
def test_widgets_markdown_images_and_alt_everywhere(shape):
    found = dict(field_paths(fields(shape, GERMAN, PROJECT, PARTS[shape])))
    images = [path for path, entry in found.items() if entry["widget"] == "image"]
    assert len(images) == 3  # the hero's, a goal's, a format's
    for path in images:
        assert found[path]["choose_url"] is False  # only the site's own images
        assert found[(*path[:-1], "alt")]["widget"] == "string"
    for path, entry in found.items():
        if path[-1] == "description" and path != ("structure", "description"):
            assert entry["widget"] == "markdown", path
    assert found[("structure", "description")]["widget"] == "markdown"
    lists = [entry for entry in found.values() if entry["widget"] == "list"]
    assert {entry["label_singular"] for entry in lists} == {"Ziel", "Format"}


def test_the_page_type_names_the_top_level_fields():
    assert PROJECT == ("hero", "goals", "structure", "structures")
    # A tag the registry does not know: the page's own keys.
    assert page_keys("<ElsewherePage />", {"hero": {}, "title": "x"}) == ("hero",)
    assert page_keys("", {"goals": []}) == ("goals",)


def test_shape_is_read_from_the_page():
    def shape(path):
        return shape_of(load_front_matter(path.read_text("utf-8"), "x").data.value)

    assert shape(ROOTS / "test-seed" / "projekt.md") == FLAT
    assert shape(ROOTS / "test-nested" / "projekt.md") == NESTED
    assert shape_of({"goals": []}) == FLAT
    assert shape_of({"structures": []}) == FLAT
    assert shape_of({"structure": {"title": "F", "items": []}}) == NESTED
    assert shape_of({"hero": {"title": "T"}}) == NESTED  # the later CMS shape


@pytest.mark.parametrize("root", ["test-seed", "test-nested"])
def test_the_cms_shows_every_field_of_a_page(root):
    data = load_front_matter((ROOTS / root / "projekt.md").read_text("utf-8"), "x")
    value = data.data.value
    shape = shape_of(value)
    offered = {
        path for path, _ in field_paths(fields(shape, GERMAN, PROJECT, set(value)))
    }
    strategy = {key: part for key, part in value.items() if key in PARTS[FLAT]}
    assert set(data_paths(strategy)) <= offered


def test_configuration_names_backend_workflow_preview_and_folders():
    page = Page("projekt", "Projekt", "docs/projekt.md", FLAT, "projekt.html", PROJECT)
    settings = Settings(
        media_folder="docs/images",
        repo="stadt/strategie",
        rtd_slug="strategie-stuttgart",
        backend={"base_url": "https://oauth.example.org"},
    )
    config = cms_config([page], settings, GERMAN)
    assert config["backend"] == {
        "name": "github",
        "branch": "main",
        "repo": "stadt/strategie",
        "preview_context": "docs/readthedocs:strategie-stuttgart",
        "base_url": "https://oauth.example.org",
    }
    assert config["publish_mode"] == "editorial_workflow"
    assert (config["media_folder"], config["public_folder"]) == (
        "docs/images",
        "/images",
    )
    assert "local_backend" not in config
    (collection,) = config["collections"]  # no folders of new pages named
    (entry,) = collection["files"]
    assert entry["file"] == "docs/projekt.md"
    assert entry["preview_path"] == "projekt.html"
    assert entry["fields"][-1] == {
        "name": "body",
        "label": "Seiteninhalt",
        "widget": "hidden",
        "default": BODY,
    }
    local_config = cms_config(
        [page],
        Settings("docs/images", local_backend="http://127.0.0.1:1/api/v1"),
        GERMAN,
    )
    assert local_config["local_backend"] == {"url": "http://127.0.0.1:1/api/v1"}
    assert "preview_context" not in local_config["backend"]


# --- published with the site --------------------------------------------------


#: A hosted CMS with what it needs: the repository and the login's service.
HOSTED = {
    "strategy_cms_repo": "stadt/strategie",
    "strategy_cms_backend": {"base_url": "https://oauth.example.org"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(
        tmp_path_factory,
        "seed",
        confoverrides={
            "strategy_cms_repo": "stadt/strategie",
            "strategy_cms_rtd_slug": "strategie-stuttgart",
            "strategy_cms_backend": {"base_url": "https://oauth.example.org"},
        },
    )


def admin_config(app) -> dict[str, Any]:
    return yaml.safe_load((app.outdir / "admin" / "config.yml").read_text("utf-8"))


def files_entry(config: dict[str, Any], name: str) -> dict[str, Any]:
    """The entry ``name`` of the collection of the pages as they are."""
    return next(
        entry for entry in config["collections"][0]["files"] if entry["name"] == name
    )


def test_the_site_publishes_the_cms_at_admin(site):
    config = admin_config(site)
    assert config["backend"]["repo"] == "stadt/strategie"
    assert (
        config["backend"]["preview_context"] == "docs/readthedocs:strategie-stuttgart"
    )
    assert config["locale"] == "de"
    entry = files_entry(config, "projekt")
    assert (entry["name"], entry["label"], entry["file"]) == (
        "projekt",
        "Projektbeschreibung",
        "projekt.md",
    )
    assert entry["fields"][2:-1] == fields(FLAT, GERMAN, PROJECT, PARTS[FLAT])
    assert config["collections"][0]["format"] == "strategy-frontmatter"
    assert entry["fields"][0] == {
        "name": "_unreadable",
        "label": "Die Seite ist nicht lesbar",
        "widget": "strategy-unreadable",
        "required": False,
    }
    page = (site.outdir / "admin" / "index.html").read_text("utf-8")
    assert (
        f'<script src="{DEFAULT_BUNDLE}" integrity="{DEFAULT_BUNDLE_INTEGRITY}"' in page
    )
    assert "<title>Redaktion: Strategie</title>" in page
    # The pages' format, after Decap and before Decap reads its configuration.
    scripts = [
        script.get("src") for script in BeautifulSoup(page, "html.parser")("script")
    ]
    assert scripts == [
        None,
        None,
        DEFAULT_BUNDLE,
        "js-yaml.min.js",
        "strategy-format.js",
        "strategy-labels.js",
    ]
    for script in scripts[3:]:
        assert (site.outdir / "admin" / script).is_file()
    assert unreadable_of(site)["pages"] == []  # the page is readable


def unreadable_of(app) -> dict[str, Any]:
    """What the admin page tells the pages' format of pages it cannot read."""
    page = (app.outdir / "admin" / "index.html").read_text("utf-8")
    element = BeautifulSoup(page, "html.parser").find(id="strategy-unreadable")
    return json.loads(element.string)


# --- every page, and new pages by page type -----------------------------------


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory):
    return build(tmp_path_factory, "cms-pages")


def test_the_cms_offers_every_page_a_reader_sees(pages_site):
    config = admin_config(pages_site)
    files = {entry["name"]: entry for entry in config["collections"][0]["files"]}
    # Not the page left out by strategy_cms_exclude, nor the new page, which
    # its page type's collection holds.
    assert set(files) == {"index", "impressum"}
    imprint = files["impressum"]
    assert (imprint["label"], imprint["file"], imprint["preview_path"]) == (
        "Impressum",
        "impressum.md",
        "impressum.html",
    )
    assert [
        (field["name"], field["widget"], field["label"]) for field in imprint["fields"]
    ] == [
        ("title", "string", "Seitentitel"),
        ("body", "text", "Text der Seite"),
    ]
    assert not imprint["fields"][0]["required"]


def test_a_strategy_page_offers_its_own_title(site):
    title = files_entry(admin_config(site), "projekt")["fields"][1]
    assert (title["name"], title["label"], title["required"]) == (
        "title",
        "Seitentitel",
        False,
    )


def test_editors_create_pages_by_choosing_the_page_type(pages_site):
    collections = {
        collection["name"]: collection
        for collection in admin_config(pages_site)["collections"][1:]
    }
    assert {name: c["label_singular"] for name, c in collections.items()} == {
        "ergebnisse": "Ergebnisseite",
        "mitmachen": "Mitmachseite",
        "einstieg": "Einstiegsseite",
    }
    progress = collections["ergebnisse"]
    assert progress["create"] is True
    assert progress["label"] == "Ergebnisseiten"
    assert progress["folder"] == "seiten/ergebnisse"
    assert progress["format"] == "strategy-frontmatter"
    assert progress["preview_path"] == "seiten/ergebnisse/{{slug}}.html"
    assert (progress["identifier_field"], progress["slug"]) == ("title", "{{slug}}")
    names = {
        name: [field["name"] for field in c["fields"]]
        for name, c in collections.items()
    }
    assert names == {
        "ergebnisse": ["_unreadable", "title", "hero", "timeline", "body"],
        "mitmachen": ["_unreadable", "title", "hero", "workingGroups", "body"],
        "einstieg": [
            "_unreadable",
            "title",
            "hero",
            "highlights",
            "sponsors",
            "callToAction",
            "body",
        ],
    }
    title, hero, timeline = progress["fields"][1:4]
    assert title["required"] and hero["required"] and not timeline["required"]
    assert progress["fields"][-1] == {
        "name": "body",
        "label": "Seiteninhalt",
        "widget": "hidden",
        "default": "<ProgressPage />",
    }


def test_a_new_page_joins_the_navigation_by_itself(pages_site):
    assert warnings_of(pages_site) == ""
    links = [
        link["href"]
        for link in read_html(pages_site, "index").select(
            ".toctree-wrapper .toctree-l1 > a"
        )
    ]
    assert links[:3] == [
        "impressum.html",
        "seiten/ergebnisse/bilanz-2024.html",
        "https://www.stuttgart.de",
    ]
    page = read_html(pages_site, "seiten/ergebnisse/bilanz-2024")
    assert page.find("h1").get_text(strip=True).startswith("Was 2024 geschah")


def test_the_navigation_needs_no_new_page_yet(tmp_path):
    shutil.copytree(ROOTS / "test-cms-pages", tmp_path / "src")
    shutil.rmtree(tmp_path / "src" / "seiten")
    app = build_in(tmp_path / "src")
    assert warnings_of(app) == ""  # no "glob pattern didn't match"
    links = [
        a["href"]
        for a in read_html(app, "index").select(".toctree-wrapper .toctree-l1 > a")
    ]
    assert links[:2] == ["impressum.html", "https://www.stuttgart.de"]


def test_the_cms_learns_the_builds_messages_of_a_page_it_cannot_read(tmp_path):
    shutil.copytree(ROOTS / "test-seed", tmp_path / "src")
    page = tmp_path / "src" / "projekt.md"
    text = page.read_text("utf-8")
    assert "    title: Beteiligung\n" in text
    broken = text.replace("    title: Beteiligung\n", "    title: Beteiligung: mehr\n")
    page.write_bytes(broken.replace("\n", "\r\n").encode())  # as a file may be
    line = broken.split("\n").index("    title: Beteiligung: mehr") + 1
    app = build_in(tmp_path / "src", confoverrides=HOSTED)
    known = unreadable_of(app)
    ((entry),) = known["pages"]
    assert entry["file"] == "projekt.md"
    assert entry["text"].encode() == page.read_bytes()  # as the CMS receives it
    ((message),) = entry["messages"]
    # The build's own warning, with its line.
    warning = next(
        line_
        for line_ in warnings_of(app).splitlines()
        if f"projekt.md:{line}:" in line_
    )
    # the field first, as the CMS names it; the line as a detail
    assert message.endswith(f" (Zeile {line} der Datei)")
    assert message.removesuffix(f" (Zeile {line} der Datei)") in warning
    assert known["message"].startswith("Das CMS kann die Daten dieser Seite nicht")
    assert known["yaml_error"].startswith("YAML kann das nicht lesen")
    assert known["yaml_error"].endswith("(Zeile {line} der Datei)")


#: The guide's examples of the hosted CMS's logins (docs/redaktion.md).
LOGIN_EXAMPLES = sorted((REPO / "docs" / "beispiele").glob("login-*.py"))
#: What Decap's backend needs to log in, by backend (its AuthenticationPage).
LOGIN_NEEDS = {
    "github": {"repo", "branch", "base_url"},
    "gitlab": {"repo", "branch", "auth_type", "app_id"},
    "gitea": {"repo", "branch", "app_id", "base_url", "api_root"},
}


@pytest.mark.parametrize("example", LOGIN_EXAMPLES, ids=lambda path: path.stem)
def test_each_way_to_log_in_has_a_working_example(example):
    settings = runpy.run_path(str(example))
    backend = settings["strategy_cms_backend"]
    config = cms_config(
        [],
        Settings(
            "docs/images",
            repo=settings["strategy_cms_repo"],
            branch=settings["strategy_cms_branch"],
            backend=backend,
        ),
        GERMAN,
    )
    written = yaml.safe_load(site_module.dump(config))["backend"]
    assert LOGIN_NEEDS[written["name"]] <= set(written)
    if written["name"] != "github":
        assert written.get("auth_type", "pkce") == "pkce"  # no server of one's own
    assert site_module.missing_settings(config, GERMAN) == []


def test_the_guide_shows_every_login_example():
    assert [path.stem for path in LOGIN_EXAMPLES] == [
        "login-gitea",
        "login-github",
        "login-gitlab",
    ]


@pytest.mark.parametrize(
    ("backend", "repo", "said"),
    [
        ({}, "", ["Repository", "OAuth-Dienst"]),
        ({"base_url": "https://o.example"}, "", ["Repository"]),
        ({}, "stadt/strategie", ["OAuth-Dienst"]),
        ({"name": "gitlab"}, "stadt/strategie", ["GitLab fehlt die ID"]),
        ({"name": "gitea", "app_id": "x"}, "stadt/strategie", ["Adresse des Servers"]),
    ],
)
def test_the_admin_page_says_in_german_what_is_missing(backend, repo, said):
    config = cms_config([], Settings("docs/images", repo=repo, backend=backend), GERMAN)
    missing = site_module.missing_settings(config, GERMAN)
    assert len(missing) == len(said)
    for text, words in zip(missing, said, strict=True):
        assert words in text and "conf.py" in text
    page = BeautifulSoup(admin_page("x", "decap.js", None, (), missing), "html.parser")
    assert [li.get_text() for li in page.select("li")] == missing
    assert page.find("script") is None  # not Decap's English error
    local_config = cms_config(
        [], Settings("docs/images", local_backend="http://127.0.0.1:1/api/v1"), GERMAN
    )
    assert site_module.missing_settings(local_config, GERMAN) == []


def test_a_site_without_a_repository_says_so_at_admin(tmp_path):
    shutil.copytree(ROOTS / "test-seed", tmp_path / "src")
    app = build_in(tmp_path / "src")
    page = (app.outdir / "admin" / "index.html").read_text("utf-8")
    assert "Das CMS ist noch nicht eingerichtet" in page
    assert "strategy_cms_repo" in page and "decap-cms" not in page


def test_the_lists_labels_reach_the_admin_page_capitalised(site):
    page = (site.outdir / "admin" / "index.html").read_text("utf-8")
    element = BeautifulSoup(page, "html.parser").find(id="strategy-lists")
    labels = json.loads(element.string)
    assert {"Ziele", "Ziel", "Formate", "Format"} <= set(labels)


def test_the_admin_page_embeds_the_messages_safely():
    hostile = {"message": "</script><script>alert(1)</script>", "pages": []}
    page = admin_page("x", "decap.js", hostile)
    assert "<script>alert" not in page and "</script><" not in page.split("decap")[0]
    element = BeautifulSoup(page, "html.parser").find(id="strategy-unreadable")
    assert json.loads(element.string) == hostile


def test_the_media_folder_is_where_the_build_finds_the_images(site):
    config = admin_config(site)
    data = load_front_matter((site.srcdir / "projekt.md").read_text("utf-8"), "x")
    images = {item["image"] for item in data.data.value["goals"]}
    for image in images:
        assert image.startswith(config["public_folder"] + "/")
        name = image.removeprefix(config["public_folder"] + "/")
        assert (site.srcdir / config["media_folder"] / name).is_file()


def test_a_nested_page_is_edited_in_its_shape(tmp_path_factory):
    app = build(tmp_path_factory, "nested")
    entry = files_entry(admin_config(app), "projekt")
    goals = next(field for field in entry["fields"] if field["name"] == "goals")
    assert goals["widget"] == "object"
    assert [field["name"] for field in goals["fields"]] == [
        "title",
        "description",
        "items",
    ]
    assert "structures" not in [field["name"] for field in entry["fields"]]


def test_paths_start_at_the_top_of_the_repository(tmp_path):
    shutil.copytree(ROOTS / "test-seed", tmp_path / "docs")
    git(tmp_path, "init", "-q")
    app = build_in(tmp_path / "docs", confoverrides={"strategy_image_folder": "static"})
    config = admin_config(app)
    assert config["media_folder"] == "docs/static/images"
    assert files_entry(config, "projekt")["file"] == "docs/projekt.md"


def test_a_local_preview_build_uses_the_local_copy_and_proxy(tmp_path_factory):
    app = build(
        tmp_path_factory,
        "seed",
        confoverrides={
            "strategy_cms_bundle": "decap/decap-cms.js",
            "strategy_cms_local_backend": "http://127.0.0.1:8081/api/v1",
        },
    )
    assert admin_config(app)["local_backend"] == {"url": "http://127.0.0.1:8081/api/v1"}
    page = (app.outdir / "admin" / "index.html").read_text("utf-8")
    assert '<script src="decap/decap-cms.js"></script>' in page


def test_no_cms_in_other_builders(tmp_path_factory):
    app = build(tmp_path_factory, "seed", "text")
    assert not (app.outdir / "admin").exists()


def test_the_admin_page_escapes_what_it_is_given():
    page = admin_page('<b>"Stadt"</b>', 'x.js"></script><script>alert(1)</script>')
    assert "<b>" not in page and "<script>alert" not in page
    assert "&lt;b&gt;&quot;Stadt&quot;&lt;/b&gt;" in page


def test_the_repository_comes_from_read_the_docs_or_the_remote(tmp_path, monkeypatch):
    monkeypatch.delenv("READTHEDOCS_GIT_CLONE_URL", raising=False)
    git(tmp_path, "init", "-q")
    assert github_repository(tmp_path) == ""
    git(tmp_path, "remote", "add", "origin", "git@github.com:stadt/strategie.git")
    assert github_repository(tmp_path) == "stadt/strategie"
    monkeypatch.setenv(
        "READTHEDOCS_GIT_CLONE_URL", "https://github.com/lhs/be-strategie"
    )
    assert github_repository(tmp_path) == "lhs/be-strategie"
    monkeypatch.setenv("READTHEDOCS_GIT_CLONE_URL", "https://gitlab.com/lhs/be.git")
    assert github_repository(tmp_path) == "stadt/strategie"


def test_decap_is_pinned_alike_everywhere():
    package = json.loads((REPO / ".cms" / "package.json").read_text("utf-8"))
    lock = json.loads((REPO / ".cms" / "package-lock.json").read_text("utf-8"))
    for name, version in package["dependencies"].items():
        assert version[0].isdigit(), f"{name} {version}: pin an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert package["dependencies"]["decap-cms"] == DECAP_VERSION
    assert f"/decap-cms@{DECAP_VERSION}/dist/decap-cms.js" in DEFAULT_BUNDLE
    # The admin page's copy of js-yaml is the one the lockfile pins.
    vendored = (site_module.ADMIN_FILES / "js-yaml.min.js").read_text("utf-8")
    version = lock["packages"]["node_modules/js-yaml"]["version"]
    assert vendored.startswith(f"/*! js-yaml {version} ")
    installed = REPO / ".cms" / "node_modules" / "js-yaml" / "dist" / "js-yaml.min.js"
    if installed.is_file():
        assert installed.read_text("utf-8") == vendored
    bundle = REPO / ".cms" / local.DECAP_DIST / "decap-cms.js"
    if bundle.is_file():  # installed: the hosted page's checksum is the file's
        digest = hashlib.sha384(bundle.read_bytes()).digest()
        assert "sha384-" + base64.b64encode(digest).decode() == DEFAULT_BUNDLE_INTEGRITY


# --- the local servers -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def admin(tmp_path):
    root = tmp_path / "repo"
    (root / "docs" / "images").mkdir(parents=True)
    (root / "docs" / "images" / "a.svg").write_text("<svg/>", "utf-8")
    (root / "secret.txt").write_text("secret", "utf-8")
    (tmp_path / "admin").mkdir()
    # Links inside the served folders that lead out of them.
    (root / "docs" / "images" / "out.svg").symlink_to(root / "secret.txt")
    (root / "docs" / "images" / "repo").symlink_to(root)
    (tmp_path / "admin" / "leak.txt").symlink_to(root / "secret.txt")
    (tmp_path / "admin" / "config.yml").write_text(
        "media_folder: docs/images\npublic_folder: /images\n", "utf-8"
    )
    (tmp_path / "admin" / "index.html").write_text("<!doctype html>", "utf-8")
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "decap-cms.js").write_text("// decap", "utf-8")
    server = local.admin_server(
        tmp_path / "admin", tmp_path / "dist", root, free_port()
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server
    server.shutdown()
    server.server_close()


def fetch(url: str) -> tuple[int, str, str]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            body = response.read().decode("utf-8")
            return response.status, response.headers["Content-Type"], body
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", ""), ""


def test_the_admin_server_serves_its_folders_on_loopback(admin):
    base, server = admin
    assert server.server_address[0] == "127.0.0.1"
    assert fetch(f"{base}/admin/")[0] == 200
    assert fetch(f"{base}/admin/config.yml")[2].startswith("media_folder")
    status, kind, body = fetch(f"{base}/admin/decap/decap-cms.js")
    assert (status, kind, body) == (200, "text/javascript; charset=utf-8", "// decap")
    assert fetch(f"{base}/images/a.svg")[2] == "<svg/>"
    assert fetch(f"{base}/") == (302, "/admin/", "")


@pytest.mark.parametrize(
    "path",
    [
        "/secret.txt",
        "/images/../../secret.txt",
        "/images/%2e%2e/%2e%2e/secret.txt",
        "/admin/../repo/secret.txt",
        "/admin/decap/..%2f..%2frepo/secret.txt",
        "/docs/images/a.svg",
        "/images/out.svg",
        "/images/repo/secret.txt",
        "/admin/leak.txt",
    ],
)
def test_the_admin_server_serves_nothing_else(admin, path):
    base, _ = admin
    status, _, body = fetch(base + path)
    assert status == 404 and "secret" not in body


def test_an_image_opened_by_itself_runs_no_script(admin):
    base, _ = admin
    with urllib.request.urlopen(f"{base}/images/a.svg", timeout=10) as response:
        assert response.headers["Content-Security-Policy"] == "sandbox"
    with urllib.request.urlopen(f"{base}/admin/", timeout=10) as response:
        assert response.headers["Content-Security-Policy"] is None


def test_a_busy_port_is_named_with_a_way_out():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(
            local.LocalError, match=f"Port {port} ist belegt.*PREVIEW_PORT"
        ):
            local._check_free(port)


def test_without_npm_the_editor_learns_what_to_install(tmp_path, monkeypatch):
    for name in ("package.json", "package-lock.json"):
        shutil.copy(REPO / ".cms" / name, tmp_path)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(local.LocalError, match="apt-get install nodejs npm"):
        local.ensure_installed(tmp_path)


def test_vs_code_checks_data_files_against_the_schema():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8"))
    ((schema, globs),) = settings["yaml.schemas"].items()
    assert (REPO / schema).resolve() == SCHEMA_PATH.resolve()
    assert "docs/**/*.yaml" in globs
    recommended = json.loads((REPO / ".vscode" / "extensions.json").read_text("utf-8"))
    assert "redhat.vscode-yaml" in recommended["recommendations"]


# --- the guard in front of decap-server --------------------------------------

PAGE = "---\nhero:\n  title: Alt\n---\n<ProjectPage />\n"


@dataclass
class Proxy:
    root: Path
    port: int
    cms_port: int

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.cms_port}"

    def post(
        self,
        action: str,
        params: dict[str, Any],
        *,
        host: str | None = None,
        origin: str | None = "",
        method: str = "POST",
    ) -> tuple[int, dict[str, str], Any]:
        """Ask the running guard as a browser would; its status, headers, JSON."""
        headers = {"Host": host or f"127.0.0.1:{self.port}"}
        if origin is not None:
            headers["Origin"] = origin or self.origin
        body = None
        if method == "POST":
            headers["Content-Type"] = "application/json"
            body = json.dumps({"action": action, "params": params}).encode()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, "/api/v1", body, headers)
            response = connection.getresponse()
            answer = response.read()
        finally:
            connection.close()
        data = json.loads(answer) if answer else None
        return response.status, dict(response.getheaders()), data


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    """decap-server on its socket, behind the guard, as ``make cms`` runs them,
    over a repository with one page, an image and links leading out."""
    node = require_tool("node", "nodejs npm")
    require_tool("npm", "nodejs npm")
    modules = local.ensure_installed(REPO / ".cms")
    folder = tmp_path_factory.mktemp("proxy")
    root = folder / "repo"
    (root / "docs" / "images").mkdir(parents=True)
    (root / "docs" / "projekt.md").write_text(PAGE, "utf-8")
    (root / "docs" / "other.md").write_text(PAGE, "utf-8")  # not in the CMS
    (root / "docs" / "images" / "a.svg").write_text("<svg/>", "utf-8")
    (root / "conf.py").write_text("project = 'x'\n", "utf-8")
    (folder / "outside.txt").write_text("secret", "utf-8")
    (root / "docs" / "images" / "out.svg").symlink_to(folder / "outside.txt")
    (root / "docs" / "images" / "conf.svg").symlink_to(root / "conf.py")
    (root / "docs" / "images" / "up").symlink_to(folder)
    (root / "docs" / "linked.md").symlink_to(folder / "outside.txt")
    config = folder / "admin" / "config.yml"
    config.parent.mkdir()
    page = Page("projekt", "Projekt", "docs/projekt.md", FLAT, "projekt.html", PROJECT)
    linked = Page("linked", "Link", "docs/linked.md", FLAT, "linked.html", PROJECT)
    config.write_text(
        yaml.safe_dump(cms_config([page, linked], Settings("docs/images"), GERMAN)),
        "utf-8",
    )
    # decap-server's git mode: drafts are branches of this repository.
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Redaktion")  # decap-server commits
    git(root, "config", "user.email", "redaktion@example.invalid")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Seiten")
    upstream = folder / "decap.sock"
    process = subprocess.Popen(
        [
            node,
            str(local.DECAP_ON_SOCKET),
            str(modules.parent / local.DECAP_SERVER_DIST),
            str(upstream),
        ],
        env={**os.environ, "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "error"},
    )
    server = None
    try:
        deadline = time.monotonic() + 30
        while not local._answering(upstream):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
        cms_port = free_port()
        server = guard_server(
            0,
            cms_port,
            upstream,
            config,
            root,
            branch="main",
            draft_preview=lambda collection, slug: {
                "url": f"http://127.0.0.1:1/{collection}/{slug}/",
                "status": "SUCCESS",
            },
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield Proxy(root, server.server_address[1], cms_port)
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        process.terminate()
        process.wait(10)


def persist(path: str, raw: str = PAGE, assets: list | None = None) -> dict[str, Any]:
    """The parameters with which the CMS saves a page."""
    return {
        "branch": "main",
        "dataFiles": [{"slug": "projekt", "path": path, "raw": raw}],
        "assets": assets or [],
        "options": {"commitMessage": "x", "useWorkflow": False, "status": "draft"},
    }


def media(path: str) -> dict[str, Any]:
    return {
        "branch": "main",
        "asset": {"path": path, "content": "PHN2Zy8+", "encoding": "base64"},
        "options": {"commitMessage": "x"},
    }


def test_the_proxy_saves_a_page_the_cms_names(proxy):
    page = proxy.root / "docs" / "projekt.md"
    saved = PAGE.replace("Alt", "Neu")
    status, headers, _ = proxy.post("persistEntry", persist("docs/projekt.md", saved))
    assert status == 200
    assert page.read_text("utf-8") == saved
    assert headers["Access-Control-Allow-Origin"] == proxy.origin
    assert proxy.post("persistMedia", media("docs/images/neu.svg"))[0] == 200
    assert (proxy.root / "docs" / "images" / "neu.svg").read_text() == "<svg/>"
    # What the CMS reads, it may: the page, the images.
    status, _, entries = proxy.post(
        "entriesByFiles", {"branch": "main", "files": [{"path": "docs/projekt.md"}]}
    )
    assert status == 200 and entries[0]["data"] == saved
    status, _, image = proxy.post(
        "getMediaFile", {"branch": "main", "path": "docs/images/a.svg"}
    )
    assert status == 200 and base64.b64decode(image["content"]) == b"<svg/>"
    # The browser's preflight, for the admin page's origin alone.
    status, headers, _ = proxy.post("", {}, method="OPTIONS")
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == proxy.origin
    assert "POST" in headers["Access-Control-Allow-Methods"]


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path): path.read_bytes()
        for path in sorted(root.parent.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.mark.parametrize(
    ("action", "params"),
    [
        ("persistEntry", persist("conf.py", "import os\n")),
        ("persistEntry", persist(".git/hooks/pre-commit", "#!/bin/sh\n")),
        ("persistEntry", persist("docs/../conf.py", "import os\n")),
        ("persistEntry", persist("docs/other.md")),  # a page the CMS does not edit
        ("persistEntry", persist("docs/linked.md")),  # named, but a link out
        ("persistEntry", persist("/etc/x.md")),
        (
            "persistEntry",  # a page, with a file elsewhere
            persist("docs/projekt.md", assets=[media("conf.py")["asset"]]),
        ),
        (
            "persistEntry",  # a page renamed: decap-server moves its folder
            {
                **persist("docs/projekt.md"),
                "dataFiles": [
                    {
                        "slug": "projekt",
                        "path": "docs/projekt.md",
                        "newPath": "docs/images/projekt.md",
                        "raw": PAGE,
                    }
                ],
            },
        ),
        ("persistMedia", media("docs/images/conf.svg")),  # a link to conf.py
        ("persistMedia", media("docs/images/up/outside.txt")),
        ("persistMedia", media("docs/images/seite.md")),  # not an image
        ("persistMedia", media("docs/images/../../conf.py")),
        ("deleteFile", {"branch": "main", "path": "conf.py", "options": {}}),
        (
            "deleteFiles",
            {"branch": "main", "paths": ["docs/projekt.md", "conf.py"], "options": {}},
        ),
        ("getMediaFile", {"branch": "main", "path": "docs/images/out.svg"}),
        ("getMediaFile", {"branch": "main", "path": "conf.py"}),
        ("getEntry", {"branch": "main", "path": "docs/linked.md"}),
        ("getMedia", {"branch": "main", "mediaFolder": "docs/images/up"}),
        ("entriesByFolder", {"branch": "main", "folder": ".git", "extension": ""}),
        ("publishUnpublishedEntry", {"branch": "main", "path": "conf.py"}),
        # Drafts of collections the configuration does not name, or whose
        # slug is no plain name, or on another branch than the session's.
        ("publishUnpublishedEntry", {"branch": "main", "collection": "x", "slug": "a"}),
        (
            "deleteUnpublishedEntry",
            {"branch": "main", "collection": "seiten", "slug": "../../main"},
        ),
        ("unpublishedEntry", {"branch": "main", "id": "seiten/--force"}),
        ("getDeployPreview", {"branch": "main", "collection": "seiten", "slug": ""}),
        (
            "persistEntry",
            {
                **persist("docs/projekt.md"),
                "options": {
                    "commitMessage": "x",
                    "useWorkflow": True,
                    "status": "draft",
                    "collectionName": "andere",
                },
            },
        ),
        ("entriesByFiles", {"branch": "v1.0", "files": [{"path": "docs/projekt.md"}]}),
        ("persistEntry", {**persist("docs/projekt.md"), "branch": "cms/x"}),
    ],
)
def test_the_proxy_touches_nothing_else(proxy, action, params):
    before = snapshot(proxy.root)
    status, _, answer = proxy.post(action, params)
    assert status == 403, answer
    assert "secret" not in json.dumps(answer)
    assert snapshot(proxy.root) == before


def workflow(status: str = "draft") -> dict[str, Any]:
    """The parameters with which the CMS saves a draft of the page."""
    return {
        **persist("docs/projekt.md", PAGE.replace("Alt", "Entwurf")),
        "options": {
            "commitMessage": "Entwurf",
            "useWorkflow": True,
            "status": status,
            "collectionName": "seiten",
        },
    }


def test_drafts_are_branches_published_into_the_sessions_branch(proxy):
    page = proxy.root / "docs" / "projekt.md"
    published = page.read_text("utf-8")
    assert proxy.post("persistEntry", workflow())[0] == 200
    # A draft: a branch, the page in the work tree as published.
    assert git(proxy.root, "branch", "--list", "cms/*").strip() == "cms/seiten/projekt"
    assert page.read_text("utf-8") == published
    draft = {"branch": "main", "collection": "seiten", "slug": "projekt"}
    status, _, entries = proxy.post("unpublishedEntries", {"branch": "main"})
    assert (status, entries) == (200, ["seiten/projekt"])
    status, _, entry = proxy.post("unpublishedEntry", draft)
    assert (status, entry["status"]) == (200, "draft")
    for step in ("pending_review", "pending_publish"):  # In Prüfung, Bereit
        params = {**draft, "newStatus": step}
        assert proxy.post("updateUnpublishedEntryStatus", params)[0] == 200
    status, _, preview = proxy.post("getDeployPreview", draft)
    assert (status, preview["url"]) == (200, "http://127.0.0.1:1/seiten/projekt/")
    assert proxy.post("publishUnpublishedEntry", draft)[0] == 200
    assert page.read_text("utf-8") == PAGE.replace("Alt", "Entwurf")
    assert git(proxy.root, "branch", "--list", "cms/*").strip() == ""
    assert git(proxy.root, "status", "--porcelain").strip() == ""
    assert "Entwurf" in git(
        proxy.root, "log", "-1", "--format=%B", "--", "docs/projekt.md"
    )


def test_a_draft_waits_for_changes_made_outside_the_cms(proxy):
    stray = proxy.root / "docs" / "notiz.md"
    stray.write_text("von Hand\n", "utf-8")
    try:
        status, _, answer = proxy.post("persistEntry", workflow())
        assert status == 409
        assert "docs/notiz.md" in answer["error"] and "git commit" in answer["error"]
        assert git(proxy.root, "branch", "--list", "cms/*").strip() == ""
    finally:
        stray.unlink()


@pytest.mark.parametrize(
    "host", ["evil.example:{port}", "127.0.0.1:1", "127.0.0.1", "[::1]:{port}"]
)
def test_the_proxy_answers_only_its_own_address(proxy, host):
    page = proxy.root / "docs" / "projekt.md"
    before = page.read_bytes()
    status, headers, _ = proxy.post(
        "persistEntry",
        persist("docs/projekt.md", "---\n---\n"),
        host=host.format(port=proxy.port),
    )
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert page.read_bytes() == before


@pytest.mark.parametrize(
    "origin",
    [
        None,  # not a page of a browser: the CMS always sends its origin
        "null",  # a sandboxed page, a file:// page
        "http://127.0.0.1:{preview}",  # the preview, where an SVG may run script
        "http://localhost:{preview}",
        "https://127.0.0.1:{cms}",
        "http://evil.example",
    ],
)
@pytest.mark.parametrize("method", ["POST", "OPTIONS"])
def test_the_proxy_answers_only_the_admin_page(proxy, origin, method):
    page = proxy.root / "docs" / "projekt.md"
    before = page.read_bytes()
    if origin is not None:
        origin = origin.format(preview=proxy.cms_port + 1, cms=proxy.cms_port)
    status, headers, _ = proxy.post(
        "persistEntry",
        persist("docs/projekt.md", "---\n---\n"),
        origin=origin,
        method=method,
    )
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    assert page.read_bytes() == before


def test_the_admin_page_at_localhost_may_use_the_proxy_too(proxy):
    origin = f"http://localhost:{proxy.cms_port}"
    status, headers, _ = proxy.post("info", {}, origin=origin)
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == origin


# --- the pages' format in the admin page --------------------------------------

#: Runs strategy-format.js as the admin page does, with stand-ins for Decap;
#: reads {"known": ..., "calls": [[method, args...], ...]} and prints each
#: call's result, or its error.
FORMAT_HARNESS = """
const fs = require("fs"), vm = require("vm");
const [jsYaml, script] = process.argv.slice(1);
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const context = {
  document: {getElementById: () => ({textContent: JSON.stringify(input.known)})},
  CMS: {
    registerWidget: (name, control) => { context.widget = control; },
    registerCustomFormat: (name, extension, format) => { context.format = format; },
  },
  createClass: spec => spec,
  h: () => null,
};
context.window = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(jsYaml, "utf8"), context);
vm.runInContext(fs.readFileSync(script, "utf8"), context);
const results = input.calls.map(([method, ...args]) => {
  try {
    return {value: context.format[method](...args)};
  } catch (error) {
    return {error: String(error.message)};
  }
});
process.stdout.write(JSON.stringify(results));
"""


def run_format(calls: list[list[Any]], pages: list[dict[str, Any]] = ()) -> list:
    node = require_tool("node", "nodejs npm")
    known = site_module.unreadable_pages((), Path())
    known["pages"] = list(pages)
    admin = site_module.ADMIN_FILES
    result = subprocess.run(
        [
            node,
            "-e",
            FORMAT_HARNESS,
            str(admin / "js-yaml.min.js"),
            str(admin / "strategy-format.js"),
        ],
        input=json.dumps({"known": known, "calls": calls}),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


READABLE = (
    "---\n"
    "title: xxx\n"
    "hero:\n"
    "  title: Projekt\n"
    "  note: ohne Feld im CMS\n"
    "goals:\n"
    "  - title: Ziel\n"
    "    extra: [1, 2]\n"
    "date: 2024-05-01\n"
    "flag: 'yes'\n"
    "---\n"
    "<ProjectPage />\n"
)


def test_the_format_refuses_what_yaml_cannot_read():
    broken = READABLE.replace("  title: Projekt", "  title: Projekt: neu")
    crlf = broken.replace("\n", "\r\n")
    known = {
        "file": "docs/k.md",
        "text": "---\nx: [\n---\n",
        "messages": ["Zeile 2: M"],
    }
    results = run_format(
        [
            ["fromFile", broken],
            ["fromFile", crlf],
            ["fromFile", known["text"]],
            ["fromFile", "---\n- a list\n---\n"],
        ],
        [known],
    )
    texts = site_module.unreadable_pages((), Path())  # as the test sets them
    general = texts["message"]
    for result in results[:2]:
        message = result["value"]["_unreadable"]
        assert message == general + "\n" + texts["yaml_error"].format(line=4)
        assert set(result["value"]) == {"_unreadable"}  # no fields to fill in
    assert results[2]["value"] == {"_unreadable": general + "\nZeile 2: M"}
    assert results[3]["value"]["_unreadable"].endswith(
        texts["yaml_error"].format(line=2)
    )
    (refused,) = run_format([["toFile", results[0]["value"], []]])
    assert refused["error"].startswith(general)


def test_the_format_keeps_what_the_cms_has_no_field_for():
    (read,) = run_format([["fromFile", READABLE]])
    data = read["value"]
    assert data["body"] == "<ProjectPage />\n"
    assert data["hero"]["note"] == "ohne Feld im CMS"
    data["hero"]["title"] = "Neu"
    data["_unreadable"] = None  # the empty field of a readable page
    (written,) = run_format([["toFile", data, ["hero", "goals"]]])
    text = written["value"]
    assert text.startswith("---\nhero:\n") and text.endswith("---\n<ProjectPage />\n")
    expected = load_front_matter(READABLE, "x").data.value
    expected["hero"]["title"] = "Neu"
    # As the build reads it: every key, a date still a date, 'yes' a text.
    assert load_front_matter(text, "x").data.value == expected
    assert "_unreadable" not in text


def test_uploaded_photos_are_shrunk_and_lose_their_metadata(site):
    """Decap re-encodes a photo before it saves it (media_processing), and
    never enlarges one: no width or height, which Decap would apply to small
    photos too."""
    processing = admin_config(site)["media_processing"]
    assert processing == {"enabled": True, "quality": 80, "strip_metadata": True}


def test_the_cms_takes_each_page_as_the_build_read_it(tmp_path, monkeypatch):
    """One pipeline: the CMS's entries come from the pages as the build read
    them, not from reading the files again, and an incremental build that
    reads no page keeps them."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-seed", srcdir)
    read = []
    original = Path.read_text

    def noted(self, *args, **kwargs):
        read.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", noted)
    first = build_in(srcdir)
    pages = [str(p) for p in read if p.suffix == ".md" and p.is_relative_to(srcdir)]
    assert sorted(pages) == sorted(set(pages))  # Sphinx's reading, once each
    assert len(pages) == len(list(srcdir.glob("*.md")))
    entry = files_entry(admin_config(first), "projekt")
    again = build_in(srcdir)
    assert not re.search(r"reading sources\.\.\. \[", again.status.getvalue())
    assert files_entry(admin_config(again), "projekt") == entry
