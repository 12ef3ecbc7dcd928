"""Version, change history page and review command on real git repositories."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOTS, build_in, git, read_html, require_tool, warnings_of
from strategy_pages import review, versioning
from test_incremental import reread

SEED = (ROOTS / "test-seed" / "projekt.md").read_text("utf-8")


def seed_data() -> dict:
    return yaml.safe_load(SEED.split("---\n")[1])


def page(data: dict) -> str:
    return (
        "---\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        + "---\n<ProjectPage />\n"
    )


def nested(data: dict) -> dict:
    return {
        "hero": data["hero"],
        "goals": {"title": "Ziele", "items": data["goals"]},
        "structure": {**data["structure"], "items": data["structures"]},
    }


def commit(
    repo: Path, message: str, tag: str | None = None, date: str = "2020-01-01T12:00:00"
) -> None:
    git(repo, "add", "-A")
    git(
        repo,
        "commit",
        "-q",
        "-m",
        message,
        env={"GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date},
    )
    if tag:
        git(repo, "tag", tag)


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """docs/projekt.md in four released versions."""
    repo = tmp_path_factory.mktemp("history")
    git(repo, "init", "-q", "-b", "main")
    docs = repo / "docs"
    shutil.copytree(ROOTS / "test-history", docs)
    (docs / "images").mkdir()
    for name in ("hero.svg", "project.svg"):
        shutil.copy(ROOTS / "test-seed" / "images" / name, docs / "images" / name)
    projekt = docs / "projekt.md"

    projekt.write_text(SEED, "utf-8")  # 1.0: the seed, flat
    commit(repo, "Seed", "v1.0", "2020-01-01T12:00:00")

    data = seed_data()  # 1.1: nested shape, white space edited, same content
    data["goals"][0]["description"] = (
        "  die Bereitstellung  von zukunftsorientierten\nErmöglichungs- und Beteiligungsstrukturen. "
    )
    projekt.write_text(page(nested(data)), "utf-8")
    commit(repo, "Nested shape", "v1.1", "2021-02-02T12:00:00")

    data = nested(seed_data())  # 1.2: content changes
    goals = data["goals"]
    goals["title"] = "Unsere Ziele"
    goals["items"][0]["description"] = (
        "die Bereitstellung von neuen, zukunftsorientierten Ermöglichungs- und Beteiligungsstrukturen."
    )
    del goals["items"][1]  # Empowerment und Inklusion
    goals["items"][1]["title"] = "Akquise"  # renamed from Aquise, same text
    goals["items"].append({"title": "Vernetzung", "description": "Neues Ziel."})
    data["structure"]["items"][0]["image"] = "/images/hero.svg"
    projekt.write_text(page(data), "utf-8")
    commit(repo, "Content", "v1.2", "2022-03-03T12:00:00")

    (docs / "zweite.md").write_text(page({"hero": {"title": "Zweite Seite"}}), "utf-8")
    commit(repo, "Second page", "v1.3", "2023-04-04T12:00:00")

    (docs / "notiz.md").write_text("# Notiz ohne Strategiedaten\n", "utf-8")
    commit(repo, "Unrelated", "not-a-release", "2023-05-05T12:00:00")
    return repo


@pytest.fixture(scope="module")
def history(repo):
    return build_in(repo / "docs", confoverrides={"strategy_release_tags": "v*"})


def release_sections(history):
    main = read_html(history, "index").select_one("[role=main]")
    return main.select("section.strategy-history")


def test_no_warnings(history):
    assert warnings_of(history) == ""


def test_releases_newest_first_with_dates(history):
    sections = release_sections(history)
    titles = [s.find(["h2"]).get_text(strip=True).rstrip("¶") for s in sections]
    assert titles == [
        "Fassung 1.3 vom 04.04.2023",
        "Fassung 1.2 vom 03.03.2022",
        "Fassung 1.1 vom 02.02.2021",
        "Fassung 1.0 vom 01.01.2020",
    ]
    assert "Die erste Fassung." in sections[3].get_text()


def test_shape_change_and_white_space_are_no_change(history):
    text = release_sections(history)[2].get_text(" ", strip=True)
    assert (
        "Keine Änderungen an der Strategie gegenüber Fassung 1.0 vom 01.01.2020."
        in text
    )


def test_content_changes_are_listed_exactly(history):
    section = release_sections(history)[1]
    items = [
        li.find("p").get_text(" ", strip=True) for li in section.select("ul ul > li")
    ]
    # in the order the page shows them, a removed goal where it stood
    assert items == [
        "Ä1 Überschrift der Ziele geändert: „Ziele“ → „Unsere Ziele“",
        "Ä2 Text von „Beteiligung“ geändert:",
        "Ä3 Ziel entfernt: „Empowerment und Inklusion“",
        "Ä4 Ziel umbenannt: „Aquise“ → „Akquise“",
        "Ä5 Neues Ziel: „Vernetzung“",
        "Ä6 Bild von „Zentral“ geändert",
    ]
    diff = section.select_one(".strategy-diff")
    assert [marked_text(ins) for ins in diff.find_all("ins")] == ["neuen,"]
    assert diff.find_all("del") == []
    assert section.select_one("ul > li > p > a").get_text() == "Projektbeschreibung"


def marked_text(element) -> str:
    """The words of an ``ins`` or ``del``, without what it says to screen readers."""
    hidden = element.select_one(".strategy-sr-only")
    assert hidden is not None and hidden.get_text().strip() in (
        "eingefügt:",
        "gestrichen:",
    )
    return element.get_text().removeprefix(hidden.get_text())


def test_changes_link_to_their_items_and_show_what_goes_and_comes(history):
    section = release_sections(history)[1]
    links = {
        a.get_text(" ", strip=True): a["href"]
        for a in section.select("ul ul > li > p > a")
    }
    # the work tree still has these items: links to them; a removed item: the page
    assert links["Ziel umbenannt: „Aquise“ → „Akquise“"] == "projekt.html#akquise"
    assert links["Neues Ziel: „Vernetzung“"] == "projekt.html#vernetzung"
    assert links["Ziel entfernt: „Empowerment und Inklusion“"] == "projekt.html"
    removed, added = (
        section.select("ul ul > li > p:not(.strategy-diff) > del"),
        section.select("ul ul > li > p:not(.strategy-diff) > ins"),
    )
    assert marked_text(removed[0]).startswith(
        "das Bürgerschaftliche Engagement im Sinne"
    )
    assert [marked_text(ins) for ins in added] == ["Neues Ziel."]


def test_an_image_change_shows_both_pictures_from_git(history):
    pictures = release_sections(history)[1].select(".strategy-history__image")
    assert [p.p.get_text() for p in pictures] == [
        "vorher: /images/project.svg",
        "nachher: /images/hero.svg",
    ]
    sources = [p.img["src"] for p in pictures]
    assert all(src.startswith("data:image/svg+xml;base64,") for src in sources)
    assert sources[0] != sources[1]


def test_new_page_is_listed(history):
    items = [
        li.get_text(" ", strip=True)
        for li in release_sections(history)[0].select("ul ul > li")
    ]
    assert items == ["Ä1 Neue Seite „Zweite Seite“"]


def test_history_in_text_marks_words_without_colour(repo, tmp_path):
    """In print the history lists the changes only: test_print_history."""
    shutil.copytree(repo, tmp_path / "repo")
    text = build_in(tmp_path / "repo" / "docs", "text")
    assert "die Bereitstellung von [+neuen,+] zukunftsorientierten" in (
        text.outdir / "index.txt"
    ).read_text("utf-8")


def test_version_from_tags(repo, tmp_path):
    assert (
        versioning.release(repo) == "not-a-release"
    )  # any tag, with the default pattern
    assert versioning.release(repo, "v*") == "1.3.dev1+g" + git(
        repo, "rev-parse", "--short", "HEAD"
    )
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    git(clone, "checkout", "-q", "v1.2")
    assert versioning.release(clone, "v*") == "1.2"
    (clone / "docs" / "projekt.md").write_text("changed", "utf-8")
    assert versioning.release(clone, "v*").endswith(".dirty")


def test_version_without_tags_or_git(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "a").write_text("a")
    commit(tmp_path, "one")
    assert versioning.release(tmp_path).startswith("0.0.dev1+g")
    assert versioning.release(Path("/")) == versioning.UNKNOWN


#: The site's extensions that read git: the history and the "last updated" dates.
WITH_DATES = {
    "extensions": ["myst_parser", "strategy_pages", "sphinx_last_updated_by_git"],
    "html_last_updated_fmt": "%d.%m.%Y",
}


def history_text(app) -> str:
    history = read_html(app, "index").select(".strategy-history")
    return "".join(part.get_text(strip=True) for part in history)


def test_no_release_yet_is_said_on_the_page_without_a_warning(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--no-tags", str(repo), str(clone))
    for tag in git(clone, "tag", "-l").split():
        git(clone, "tag", "-d", tag)
    app = build_in(clone / "docs", confoverrides=WITH_DATES)
    assert warnings_of(app) == ""
    history = read_html(app, "index").select_one(".strategy-history")
    assert history.h2.get_text(strip=True).rstrip("¶") == "Unveröffentlichte Änderungen"
    text = history.get_text(" ", strip=True)
    assert "Es ist noch keine Fassung veröffentlicht; der Entwurf enthält:" in text
    assert "Neue Seite „Projektbeschreibung“" in text


def test_a_shallow_clone_warns_once_how_to_fetch_the_history(repo, tmp_path):
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), "clone")
    app = build_in(tmp_path / "clone" / "docs", confoverrides=WITH_DATES)
    # without that one warning, every page would warn (git.too_shallow)
    assert warnings_of(app).splitlines() == [
        "WARNING: Der Git-Klon ist flach: Versionsgeschichte, Fassung und die "
        "Daten der Seiten fehlen. Die ganze Geschichte holt "
        "„git fetch --unshallow --tags“ [strategy.history]"
    ]
    assert history_text(app) == "Es ist keine Versionsgeschichte verfügbar."


def test_without_git_the_history_page_warns_once(repo, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(repo / "docs", docs)
    app = build_in(docs)
    warnings = [line for line in warnings_of(app).splitlines() if "WARNING" in line]
    assert warnings == [
        f"{docs / 'index.md'}:3: WARNING: no version history: the sources are not "
        "in a git repository (or git is missing) [strategy.history]"
    ]
    assert history_text(app) == "Es ist keine Versionsgeschichte verfügbar."


def test_history_page_is_read_again_only_when_release_tags_change(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    docs = clone / "docs"
    build_in(docs)
    assert reread(build_in(docs)) == set()
    git(clone, "tag", "not-a-release-either")  # outside strategy_release_tags
    assert reread(build_in(docs)) == set()
    git(clone, "tag", "v1.4")
    tagged = build_in(docs)
    assert reread(tagged) == {"index"}
    assert warnings_of(tagged) == ""
    assert "Fassung 1.4 vom" in history_text(tagged)
    git(clone, "tag", "-d", "v1.1")
    assert reread(build_in(docs)) == {"index"}
    assert reread(build_in(docs)) == set()


def test_review_command_summarises_uncommitted_work(repo, tmp_path, capsys):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    projekt = clone / "docs" / "projekt.md"
    data = yaml.safe_load(projekt.read_text("utf-8").split("---\n")[1])
    data["goals"]["items"][0]["description"] = (
        "die Bereitstellung von *offenen* Strukturen."
    )
    data["goals"]["items"].append({"title": "Neu_es [Ziel]", "description": "x"})
    projekt.write_text(page(data), "utf-8")
    assert review.main(["v1.3", "--srcdir", str(clone / "docs")]) == 0
    output = capsys.readouterr().out
    assert output.splitlines() == [
        "### Änderungen an der Strategie gegenüber `v1.3`",
        "",
        "**Projektbeschreibung**",
        "",
        "- **Ä1** Text von „Beteiligung“ geändert:",
        r"  die Bereitstellung von ~~neuen, zukunftsorientierten Ermöglichungs\- und Beteiligungsstrukturen~~ <ins>\*offenen\* Strukturen</ins>\.",
        r"- **Ä2** Neues Ziel: „Neu\_es \[Ziel\]“",
        "  <ins>x</ins>",
    ]


def test_review_command_without_changes_and_with_a_bad_ref(repo, capsys):
    assert review.main(["v1.3", "--srcdir", str(repo / "docs")]) == 0
    assert (
        capsys.readouterr().out.strip()
        == "Keine Änderungen an der Strategie gegenüber `v1.3`."
    )
    with pytest.raises(SystemExit) as exit_info:
        review.main(["v9.9", "--srcdir", str(repo / "docs")])
    assert exit_info.value.code == 2
    assert "Unbekannte Git-Referenz „v9.9“" in capsys.readouterr().err


def test_make_diff_prints_the_summary(repo):
    make = require_tool("make", "make")
    root = Path(__file__).parents[1]
    result = subprocess.run(
        [
            make,
            "--no-print-directory",
            "-C",
            str(root),
            "diff",
            "BASE=HEAD",
            f"SOURCEDIR={repo / 'docs'}",
            # the environment running the tests, as it is: no (re)install
            f"VENV={sys.prefix}",
            "VENV_STAMP=",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip() == "Keine Änderungen an der Strategie gegenüber `HEAD`."
    )
