"""Broken and hostile pages: no traceback, a located warning each, nothing
injected, nothing read from outside the source folder, the rest still built."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOTS, build_in, read_html, warnings_of

MANY = 3000
#: Levels of nesting, beyond what Python's stack allows YAML's composer.
DEEP = 1500


@pytest.fixture(scope="module")
def srcdir(tmp_path_factory):
    srcdir = tmp_path_factory.mktemp("hostile") / "src"
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    items = "\n".join(
        f"  - title: Ziel {n}\n    description: Text {n}." for n in range(MANY)
    )
    (srcdir / "many.md").write_text(
        f"---\nhero:\n  title: Viele\ngoals:\n{items}\n---\n<ProjectPage />\n", "utf-8"
    )
    long_text = "Sehr langer Text. " * 12_000
    (srcdir / "long.md").write_text(
        f"---\nhero:\n  title: Lang\n  description: {long_text.strip()}\n---\n<ProjectPage />\n",
        "utf-8",
    )
    # Bytes that stopped the whole build: a recursive alias, nesting deeper
    # than YAML's parser recurses, line separators YAML counts as lines.
    (srcdir / "alias.md").write_text(
        "---\nhero:\n  title: Anker\ngoals: &a [*a]\n---\n<ProjectPage />\n", "utf-8"
    )
    brackets = "[" * DEEP + "]" * DEEP
    (srcdir / "deep-list.md").write_text(
        f"---\nhero:\n  title: Tief\ngoals: {brackets}\n---\n<ProjectPage />\n",
        "utf-8",
    )
    keys = "".join(f"{'  ' * level}a:\n" for level in range(1, DEEP))
    (srcdir / "deep-map.md").write_text(
        f"---\nhero:\n  title: Tiefer\nformats:\n{keys}---\n<ProjectPage />\n",
        "utf-8",
    )
    (srcdir / "separators.md").write_text(
        "---\nhero:\n  title: Zeilen\u2028\u2028\u2028\u2028trenner\n"
        "  subtitle: Nächste\x85\x85Zeile # ein Kommentar\n"
        "  description: Text\n---\n<ProjectPage />\n",
        "utf-8",
    )
    # An image inside the source folder that is a link to a file outside it.
    (srcdir / "images" / "nach-aussen.svg").symlink_to("/etc/passwd")
    return srcdir


@pytest.fixture(scope="module")
def app(srcdir):
    return build_in(srcdir)


def warning(app, page: str, line: int, text: str) -> str:
    """The one warning for ``page:line`` that contains ``text``."""
    found = [
        entry
        for entry in warnings_of(app).splitlines()
        if entry.startswith(f"{app.srcdir / page}:{line}: WARNING: ") and text in entry
    ]
    assert len(found) == 1, warnings_of(app)
    return found[0]


@pytest.mark.parametrize(
    ("page", "line", "text", "subtype"),
    [
        (
            "tabs.md",
            3,
            "Hero, Titel: Zeile 3 ist mit einem Tabulator eingerückt; YAML braucht Leerzeichen.",
            "yaml",
        ),
        ("empty.md", 3, "diese Seite hat keine Strategiedaten", "no_data"),
        (
            "types.md",
            4,
            "Hero, Untertitel: muss Text sein, nicht eine Liste",
            "wrong_type",
        ),
        (
            "types.md",
            7,
            "Hero, Link: muss Schlüssel mit Werten (Schlüssel: Wert) sein, nicht der Text „https://example.org“",
            "wrong_type",
        ),
        (
            "types.md",
            10,
            "Ziel 1 („Gültig“), Beschreibung: muss Text sein, nicht eine Liste",
            "wrong_type",
        ),
        (
            "types.md",
            11,
            "Format-Abschnitt: muss Schlüssel mit Werten (Schlüssel: Wert) sein, nicht eine Liste",
            "wrong_type",
        ),
        (
            "types.md",
            12,
            "Formate: muss eine Liste (Zeilen, die mit „- “ beginnen) sein, nicht Schlüssel mit Werten",
            "wrong_type",
        ),
        (
            "python-tags.md",
            3,
            "Hero, Titel: der Wert beginnt mit „!“; er wurde als Text gelesen.",
            "yaml",
        ),
        ("bomb.md", 2, "das YAML ergibt mehr als 100.000 Werte", "yaml"),
        (
            "crlf-bom.md",
            6,
            "Ziel 1 („Tippfehler“), „titel“: unbekannter Schlüssel, gelesen als „title“",
            "unknown_key",
        ),
        (
            "invalid-utf8.md",
            3,
            "die Datei ist kein gültiges UTF-8 (Byte 0xff); Zeichen, die sich nicht lesen lassen, erscheinen als �.",
            "encoding",
        ),
        (
            "duplicate-titles.md",
            7,
            "Ziel 2 („Gleich“): der Titel „Gleich“ kommt in diesem Abschnitt zweimal vor (auch in Zeile 5); beide werden gezeigt",
            "duplicate_title",
        ),
        (
            "html-everywhere.md",
            10,
            'Hero, Link, Linkadresse: Links dürfen http, https oder mailto verwenden, nicht „JaVaScRiPt:alert("url")“',
            "link",
        ),
        (
            "paths.md",
            6,
            "Ziel 1 („Hochklettern absolut“), Bild: der Bildpfad „/../../../../../../etc/passwd“ führt aus dem Quellordner hinaus",
            "image",
        ),
        (
            "paths.md",
            8,
            "Ziel 2 („Hochklettern relativ“), Bild: der Bildpfad „../../../../../../etc/passwd“ führt aus dem Quellordner hinaus",
            "image",
        ),
        (
            "paths.md",
            10,
            "Ziel 3 („Systemdatei“), Bild: Bilddatei nicht gefunden: „/etc/passwd“ (gesucht wurde etc/passwd im Quellordner)",
            "image",
        ),
        (
            "paths.md",
            12,
            "Ziel 4 („Datei-URL“), Bild: Bilder von anderen Websites werden nicht geladen (file:///etc/passwd)",
            "image",
        ),
        (
            "paths.md",
            14,
            "Ziel 5 („Protokollrelativ“), Bild: Bilder von anderen Websites werden nicht geladen (//example.org/bild.png)",
            "image",
        ),
        (
            "paths.md",
            16,
            "Ziel 6 („Symlink“), Bild: der Bildpfad „/images/nach-aussen.svg“ führt aus dem Quellordner hinaus",
            "image",
        ),
        (
            "data-paths.md",
            3,
            "data: „/../../../../../../etc/passwd“ führt aus dem Quellordner hinaus; die Datei wird nicht gelesen",
            "data",
        ),
        ("data-paths.md", 7, "data: Datei nicht gefunden: „/etc/passwd“", "data"),
        (
            "alias.md",
            4,
            "Ziele: ein Alias (*name) steht in dem Wert, den sein Anker (&name) "
            "benennt; der Wert hätte so kein Ende. Dieser Teil wird nicht gezeigt",
            "yaml",
        ),
        (
            "deep-list.md",
            4,
            "Ziele: Listen und Schlüssel sind hier mehr als 20 Ebenen tief "
            "verschachtelt; dieser Teil wird nicht gezeigt",
            "yaml",
        ),
        (
            "deep-map.md",
            24,
            "Listen und Schlüssel sind hier mehr als 20 Ebenen tief verschachtelt",
            "yaml",
        ),
        (
            "separators.md",
            3,
            "Hero, Titel: der Text enthält unsichtbare Steuerzeichen (U+2028); "
            "sie wurden entfernt",
            "control",
        ),
        (
            "separators.md",
            4,
            "Hero, Untertitel: der Text enthält unsichtbare Steuerzeichen (U+0085); "
            "sie wurden entfernt",
            "control",
        ),
        (
            "kaputt.yaml",
            2,
            "Ziel 1 („[unclosed“), Titel: der Wert beginnt mit „[“; er wurde als Text gelesen. Setze den Wert in Anführungszeichen: title: '[unclosed'",
            "yaml",
        ),
    ],
)
def test_each_case_gives_a_located_typed_warning(app, page, line, text, subtype):
    assert warning(app, page, line, text).endswith(f"[strategy.{subtype}]")


def test_no_traceback_and_the_rest_is_built(app):
    assert app.statuscode == 0
    assert "Traceback" not in warnings_of(app) and "Exception" not in warnings_of(app)
    built = {path.stem for path in app.outdir.glob("*.html")}
    pages = {path.stem for path in app.srcdir.glob("*.md")}
    assert built >= pages


def test_an_undecodable_page_is_built_with_its_readable_text(app):
    # The byte that is not UTF-8 shows as U+FFFD, the rest of the page stays.
    main = read_html(app, "invalid-utf8").select_one("[role=main]")
    assert "\ufffd" in main.get_text()
    assert main.h1 is not None


def test_valid_parts_of_broken_pages_still_render(app):
    assert read_html(app, "types").select_one("section#gultig") is not None
    assert read_html(app, "crlf-bom").h1.get_text(strip=True).rstrip("¶") == "Windows"
    assert "Mit CRLF und BOM." in read_html(app, "crlf-bom").get_text()
    duplicate = read_html(app, "duplicate-titles")
    assert [s["id"] for s in duplicate.select("section.strategy-goal")] == [
        "gleich",
        "gleich-1",
    ]
    assert (
        read_html(app, "paths").select_one("section#gultig img")["src"]
        == "_images/project.svg"
    )


def test_overview_links_reach_the_real_ids_of_duplicate_titles(app):
    links = read_html(app, "overview").select(".strategy-overview a")
    assert [link["href"] for link in links] == [
        "duplicate-titles.html#gleich",
        "duplicate-titles.html#gleich-1",
    ]


def test_what_is_readable_beside_hostile_bytes_renders(app):
    for page, title in (
        ("alias", "Anker"),
        ("deep-list", "Tief"),
        ("deep-map", "Tiefer"),
        ("separators", "Zeilentrenner"),
    ):
        assert read_html(app, page).h1.get_text().rstrip("¶") == title
    subtitle = read_html(app, "separators").select_one(".strategy-hero__subtitle")
    assert subtitle.get_text(strip=True) == "NächsteZeile"


def test_thousands_of_items_and_long_texts_render(app):
    assert len(read_html(app, "many").select("section.strategy-goal")) == MANY
    text = read_html(app, "long").select_one(".strategy-hero__text").get_text()
    assert text.count("Sehr langer Text.") == 12_000


def test_nothing_injected_into_html(app):
    main = read_html(app, "html-everywhere").select_one("[role=main]")
    assert main.find_all(["script", "style", "iframe", "svg", "b"]) == []
    for element in main.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")]
        for name in ("href", "src"):
            assert not re.match(
                r"\s*(javascript|vbscript|data):", element.get(name, ""), re.I
            )
    assert "<script>alert(" in main.h1.get_text()
    assert main.select_one(".strategy-hero__image img")["alt"].startswith('"><script>')


def test_nothing_from_outside_the_source_folder(app):
    assert sorted(path.name for path in (app.outdir / "_images").iterdir()) == [
        "hero.svg",
        "project.svg",
    ]
    for path in app.outdir.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".txt", ".js", ".svg"}:
            assert "root:x:0" not in path.read_text("utf-8", "replace")


def test_warnings_fail_the_build_with_W(srcdir, tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(srcdir, copy, symlinks=True)
    assert build_in(copy, warningiserror=True).statuscode == 1
