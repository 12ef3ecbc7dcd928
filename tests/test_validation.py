"""Bad data: one located, typed warning each; everything valid still renders."""

from __future__ import annotations

import pytest
from conftest import build, build_in, read_html, warnings_of

#: (page, line, subtype, message) of every warning the test root gives.
EXPECTED = [
    (
        "bad-link.md",
        4,
        "link",
        "hero.link.url: links may use http, https or mailto, not 'javascript:alert(1)'; the text is shown without the link",
    ),
    (
        "blank-title.md",
        5,
        "blank",
        "structures[0].title: must not be blank; it is not shown",
    ),
    ("data-missing.md", 3, "data", "data: file not found: 'gibt-es-nicht.yaml'"),
    (
        "data-outside.md",
        3,
        "data",
        "data: '../../../../../../etc/hostname' leads outside the source folder; it is not read",
    ),
    (
        "duplicate-key.md",
        4,
        "duplicate_key",
        "duplicate key 'title' (also on line 3); the last one is used",
    ),
    (
        "images.md",
        4,
        "image",
        "hero.image: image file not found: '/images/fehlt.svg' (looked for images/fehlt.svg in the source folder); the image is not shown",
    ),
    (
        "images.md",
        7,
        "image",
        "goals[0].image: image path '../../../../../../etc/passwd' leads outside the source folder; the image is not shown",
    ),
    (
        "images.md",
        9,
        "image",
        "goals[1].image: remote images are not loaded (https://example.org/bild.png); put the file into the image folder and give its path",
    ),
    ("missing-goals.md", 5, "no_data", "goals: the data has no goals"),
    (
        "missing-goals.md",
        2,
        "unused",
        "hero: the front matter holds this, but nothing on the page shows it; add <ProjectPage /> or the hero directive",
    ),
    ("missing-title.md", 5, "missing_key", "goals[0]: required key 'title' is missing"),
    (
        "no-data.md",
        3,
        "no_data",
        "this page has no strategy data (hero, goals, structure, structures) in its front matter; give it some, or name a YAML file with the 'data' option",
    ),
    (
        "not-mapping.md",
        2,
        "not_mapping",
        "the data must be a mapping of keys to values, not a list",
    ),
    (
        "unknown-key.md",
        4,
        "unknown_key",
        "hero.subtitel: unknown key 'subtitel'; did you mean 'subtitle'? It is not shown",
    ),
    (
        "unknown-key.md",
        6,
        "unknown_key",
        "goals[0].titel: unknown key 'titel'; did you mean 'title'? It is not shown",
    ),
    (
        "unknown-key.md",
        9,
        "unknown_key",
        "goals[1].titel: unknown key 'titel'; did you mean 'title'? "
        "Without it, goals[1] is not shown",
    ),
    (
        "unknown-key.md",
        11,
        "unknown_key",
        "unknown key 'golas'; did you mean 'goals'? It is not shown",
    ),
    (
        "misspelt-only.md",
        2,
        "unknown_key",
        "unknown key 'golas'; did you mean 'goals'? It is not shown",
    ),
    (
        "unused.md",
        2,
        "unused",
        "hero: the front matter holds this, but nothing on the page shows it; add <ProjectPage /> or the hero directive",
    ),
    (
        "wrong-type.md",
        4,
        "wrong_type",
        "goals: must be a list or a mapping, not the text 'Ziele als Text'; it is not shown",
    ),
    (
        "wrong-type.md",
        8,
        "wrong_type",
        "structures[0]: must be a mapping, not the text 'Zentral'; it is not shown",
    ),
    (
        "yaml-error.md",
        7,
        "yaml",
        "invalid YAML: found unexpected end of stream (while scanning a quoted scalar on line 5)",
    ),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return build(tmp_path_factory, "invalid")


def strategy_warnings(app) -> list[str]:
    return [line for line in warnings_of(app).splitlines() if "[strategy." in line]


@pytest.mark.parametrize(("page", "line", "subtype", "message"), EXPECTED)
def test_each_problem_gives_one_located_typed_warning(
    app, page, line, subtype, message
):
    expected = f"{app.srcdir / page}:{line}: WARNING: {message} [strategy.{subtype}]"
    assert strategy_warnings(app).count(expected) == 1


def test_no_other_strategy_warnings(app):
    assert len(strategy_warnings(app)) == len(EXPECTED)


def test_no_traceback_and_every_page_is_written(app):
    assert "Traceback" not in warnings_of(app)
    pages = {page for page, *_ in EXPECTED} | {"sphinx-keys.md"}
    for page in pages:
        assert (app.outdir / page.replace(".md", ".html")).is_file()


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("missing-title", ["Fehlende Titel", "Ziele", "Gültiges Ziel"]),
        ("wrong-type", ["Falscher Typ", "Formate", "Dezentral"]),
        ("unknown-key", ["Unbekannte Schlüssel", "Ziele", "Beteiligung"]),
        ("images", ["Bilder", "Ziele", "Außerhalb", "Entfernt", "Gültig"]),
        ("blank-title", ["Leerer Titel"]),
        ("duplicate-key", ["Zweiter Titel"]),
        ("sphinx-keys", ["Sphinx-Schlüssel"]),
    ],
)
def test_valid_parts_still_render(app, page, shown):
    main = read_html(app, page).select_one("[role=main]")
    headings = [h.get_text(strip=True).rstrip("¶") for h in main.select("h1, h2, h3")]
    assert headings == shown


def test_only_existing_images_inside_the_source_folder_are_used(app):
    images = read_html(app, "images").select("[role=main] img")
    assert [image["src"] for image in images] == ["_images/project.svg"]
    assert sorted(path.name for path in (app.outdir / "_images").iterdir()) == [
        "project.svg"
    ]


def test_unsafe_link_keeps_its_text_but_not_the_link(app):
    main = read_html(app, "bad-link").select_one("[role=main]")
    assert "Klick" in main.get_text()
    assert not main.select('a[href^="javascript"]')


def test_sphinx_file_wide_keys_are_valid_front_matter(app):
    assert not any("sphinx-keys.md" in line for line in warnings_of(app).splitlines())
    page = read_html(app, "sphinx-keys")
    assert page.title.get_text().startswith("Sphinx-Schlüssel")
    assert "Platzhalter" not in str(page)


@pytest.mark.parametrize("page", ["unknown-key.md", "missing-title.md"])
def test_suppress_warnings_silences_a_subtype(tmp_path_factory, page):
    app = build(
        tmp_path_factory,
        "invalid",
        confoverrides={
            "suppress_warnings": [
                "toc.no_title",
                "strategy.unknown_key",
                "strategy.missing_key",
            ]
        },
    )
    assert not any(page in line for line in strategy_warnings(app))
    assert strategy_warnings(app)  # the other subtypes remain


def test_warnings_are_errors_with_W(tmp_path_factory):
    app = build(tmp_path_factory, "seed")
    (app.srcdir / "projekt.md").write_text(
        (app.srcdir / "projekt.md")
        .read_text("utf-8")
        .replace("title: Aquise", "titel: Aquise"),
        "utf-8",
    )
    failed = build_in(app.srcdir, warningiserror=True)
    assert failed.statuscode == 1
    assert "unknown key 'titel'" in warnings_of(failed)
    assert warnings_of(failed).count("WARNING") == 1
    assert "warnings treated as errors" in failed.status.getvalue()
