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
        "Hero, Link, Linkadresse: Links dürfen http, https oder mailto verwenden, nicht „javascript:alert(1)“; der Text wird ohne Link gezeigt",
    ),
    (
        "blank-title.md",
        5,
        "blank",
        "Format 1: der Titel ist leer; bis er angegeben ist, lautet die Überschrift „Format 1“",
    ),
    ("data-missing.md", 3, "data", "data: Datei nicht gefunden: „gibt-es-nicht.yaml“"),
    (
        "data-outside.md",
        3,
        "data",
        "data: „../../../../../../etc/hostname“ führt aus dem Quellordner hinaus; die Datei wird nicht gelesen",
    ),
    (
        "duplicate-key.md",
        4,
        "duplicate_key",
        "Hero, Titel steht zweimal da (auch in Zeile 3); der letzte Wert gilt",
    ),
    (
        "images.md",
        4,
        "image",
        "Hero, Bild: Bilddatei nicht gefunden: „/images/fehlt.svg“ (gesucht wurde images/fehlt.svg im Quellordner); das Bild wird nicht gezeigt",
    ),
    (
        "images.md",
        7,
        "image",
        "Ziel 1 („Außerhalb“), Bild: der Bildpfad „../../../../../../etc/passwd“ führt aus dem Quellordner hinaus; das Bild wird nicht gezeigt",
    ),
    (
        "images.md",
        9,
        "image",
        "Ziel 2 („Entfernt“), Bild: Bilder von anderen Websites werden nicht geladen (https://example.org/bild.png); lege die Datei in den Bildordner und gib ihren Pfad an",
    ),
    # The same paths again: each item is told, on its own line.
    (
        "images.md",
        13,
        "image",
        "Ziel 4 („Fehlt auch“), Bild: Bilddatei nicht gefunden: „/images/fehlt.svg“ (gesucht wurde images/fehlt.svg im Quellordner); das Bild wird nicht gezeigt",
    ),
    (
        "images.md",
        15,
        "image",
        "Ziel 5 („Auch außerhalb“), Bild: der Bildpfad „../../../../../../etc/passwd“ führt aus dem Quellordner hinaus; das Bild wird nicht gezeigt",
    ),
    (
        "missing-goals.md",
        5,
        "no_data",
        "goals: nichts zu zeigen, in den Daten fehlt: Ziele",
    ),
    (
        "missing-goals.md",
        2,
        "unused",
        "Hero: der Vorspann enthält das, aber nichts auf der Seite zeigt es; füge <ProjectPage /> oder die Direktive hero hinzu",
    ),
    (
        "missing-title.md",
        5,
        "missing_key",
        "Ziel 1: der Titel fehlt; bis er angegeben ist, lautet die Überschrift „Ziel 1“",
    ),
    (
        "misspelt-only.md",
        2,
        "unknown_key",
        "„golas“: unbekannter Schlüssel, gelesen als „goals“ (Ziele). Korrigiere ihn zu „goals“",
    ),
    (
        "no-data.md",
        3,
        "no_data",
        "diese Seite hat keine Strategiedaten (hero, goals, structure, structures, timeline, workingGroups, highlights, sponsors, callToAction) im Vorspann; gib ihr welche oder nenne eine YAML-Datei mit der Option „data“",
    ),
    (
        "not-mapping.md",
        2,
        "not_mapping",
        "die Daten müssen Schlüssel mit Werten sein (Schlüssel: Wert), nicht eine Liste",
    ),
    (
        "unknown-key.md",
        4,
        "unknown_key",
        "Hero, „subtitel“: unbekannter Schlüssel, gelesen als „subtitle“ (Untertitel). Korrigiere ihn zu „subtitle“",
    ),
    (
        "unknown-key.md",
        6,
        "unknown_key",
        "Ziel 1 („Beteiligung“), „titel“: unbekannter Schlüssel; gemeint ist wohl „title“? Den gibt es hier schon, darum wird dieser nicht gezeigt",
    ),
    (
        "unknown-key.md",
        9,
        "unknown_key",
        "Ziel 2 („Empowerment“), „titel“: unbekannter Schlüssel, gelesen als „title“ (Titel). Korrigiere ihn zu „title“",
    ),
    (
        "unknown-key.md",
        11,
        "unknown_key",
        "„golas“: unbekannter Schlüssel; gemeint ist wohl „goals“? Den gibt es hier schon, darum wird dieser nicht gezeigt",
    ),
    (
        "unused.md",
        2,
        "unused",
        "Hero: der Vorspann enthält das, aber nichts auf der Seite zeigt es; füge <ProjectPage /> oder die Direktive hero hinzu",
    ),
    (
        "wrong-type.md",
        4,
        "wrong_type",
        "Ziele: muss eine Liste (Zeilen, die mit „- “ beginnen) oder Schlüssel mit Werten (Schlüssel: Wert) sein, nicht der Text „Ziele als Text“; es wird nicht gezeigt",
    ),
    (
        "wrong-type.md",
        8,
        "wrong_type",
        "Format 1: muss Schlüssel mit Werten (Schlüssel: Wert) sein, nicht der Text „Zentral“; es wird nicht gezeigt",
    ),
    (
        "yaml-error.md",
        5,
        "yaml",
        'Ziel 1 („nicht geschlossen“), Titel: das Anführungszeichen " am Anfang des Werts wird nicht geschlossen; der Wert wurde bis zum Ende seiner Zeile gelesen. Schließe es mit " am Ende des Werts',
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
        # an item without a title is headed with its name as editors count it
        ("missing-title", ["Fehlende Titel", "Ziele", "Ziel 1", "Gültiges Ziel"]),
        ("wrong-type", ["Falscher Typ", "Formate", "Dezentral"]),
        # the misspelt title of the second goal is read as its title
        (
            "unknown-key",
            ["Unbekannte Schlüssel", "Ziele", "Beteiligung", "Empowerment"],
        ),
        # a misspelt "goals" is read as goals; the page without a hero is
        # titled after its file
        ("misspelt-only", ["misspelt-only", "Ziele", "Beteiligung"]),
        (
            "images",
            [
                "Bilder",
                "Ziele",
                "Außerhalb",
                "Entfernt",
                "Gültig",
                "Fehlt auch",
                "Auch außerhalb",
            ],
        ),
        ("blank-title", ["Leerer Titel", "Formate", "Format 1"]),
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
    assert "„titel“: unbekannter Schlüssel, gelesen als „title“" in warnings_of(failed)
    assert warnings_of(failed).count("WARNING") == 1
    assert "warnings treated as errors" in failed.status.getvalue()


def test_no_notices_for_editors_in_a_public_build(app):
    for page in ("images", "unknown-key", "yaml-error"):
        assert read_html(app, page).select(".strategy-editor-notice") == []


def test_a_preview_shows_each_problem_where_it_is(tmp_path_factory):
    preview = build(
        tmp_path_factory, "invalid", confoverrides={"strategy_editor_notices": True}
    )
    main = read_html(preview, "images").select_one("[role=main]")
    notices = {
        notice.find_parent("section")["id"]: notice.select_one(
            "p:not(.admonition-title)"
        ).get_text()
        for notice in main.select(".strategy-editor-notice")
    }
    # the hero's missing image at the hero; each goal's problem at that goal
    assert notices["bilder"].startswith("Hero, Bild: Bilddatei nicht gefunden")
    assert notices["auszerhalb"].startswith("Ziel 1 („Außerhalb“), Bild:")
    assert notices["entfernt"].startswith("Ziel 2 („Entfernt“), Bild:")
    for name, line in (("bilder", 4), ("auszerhalb", 7), ("entfernt", 9)):
        assert notices[name].endswith(f"(Zeile {line} der Datei)")
    title = main.select_one(".strategy-editor-notice .admonition-title").get_text()
    assert title == "Hinweis für die Redaktion"
