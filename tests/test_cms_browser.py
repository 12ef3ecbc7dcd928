"""The editors' loop in a real browser: ``make cms`` on a copy of the site.

The local CMS (Decap CMS from .cms/node_modules, decap-server in git mode,
the preview) runs on free loopback ports over a copy of the site in a
temporary git repository.  Headless Chromium edits a goal's title and a
format's description, saves the draft and moves it through the workflow to
published; the published commit then differs from the one before in exactly
those two places as the history and the review read it, however the CMS
reformatted the YAML, and the rebuilt preview shows both.  It creates a
progress page, whose draft has a preview of its own and which, published,
joins the navigation.  Ctrl-C stops every server.
"""

from __future__ import annotations

import contextlib
import gettext
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, ROOTS, build_in, copy_site, git, make_pdf, require_tool
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from strategy_pages import review
from strategy_pages.cms import local
from strategy_pages.history import Repository, compare
from strategy_pages.loading import load_front_matter, split_front_matter
from test_print import PDF_PACKAGES

pytestmark = pytest.mark.browser

GERMAN = gettext.translation(
    "strategy_pages", REPO / "_ext" / "strategy_pages" / "locale", languages=["de"]
).gettext
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]
DESKTOP, PHONE = 1280, 375
GOAL, NEW_GOAL = "Aquise", "Gewinnung neuer Engagierter"
FORMAT, ADDED = "Dezentral", "Neu: Sprechstunden im Quartier."
#: Where to keep the screenshots besides the test's folder (for a person).
SHOTS = os.environ.get("CMS_SCREENSHOTS")


@dataclass
class Servers:
    project: Path
    runner: subprocess.Popen[bytes]
    log: Path
    preview: int
    cms: int
    proxy: int
    drafts: int

    @property
    def page(self) -> Path:
        return self.project / "docs" / "projekt.md"

    @property
    def admin(self) -> str:
        return f"http://127.0.0.1:{self.cms}/admin/"

    def preview_url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.preview}/{path}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def descendants(pid: int) -> set[int]:
    """The processes below ``pid``, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for child, of in parents.items():
            if of == parent and child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def served(url: str) -> str:
    """The page at ``url``; '' while the preview rewrites it or is away."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        return ""


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.25)
    pytest.fail(f"gave up after {seconds} s waiting for {what}")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    require_tool("node", "nodejs npm")
    require_tool("npm", "nodejs npm")
    started = time.monotonic()
    local.ensure_installed(REPO / ".cms")
    print(f"npm install (or its check): {time.monotonic() - started:.1f} s")
    # A copy of the site whose strategy page holds the test data, committed.
    folder = tmp_path_factory.mktemp("cms")
    project = folder / "site"
    project.mkdir()
    docs = copy_site(project)
    shutil.copy(ROOTS / "test-seed" / "projekt.md", docs / "projekt.md")
    for image in (ROOTS / "test-seed" / "images").iterdir():
        shutil.copy(image, docs / "images" / image.name)
    # What the build writes into the sources (the theme's compiled catalog)
    # is no change of the editor's.
    shutil.copy(REPO / ".gitignore", project)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Testdaten")
    # decap-server commits drafts and publications, as the editor.
    git(project, "config", "user.name", "Redaktion")
    git(project, "config", "user.email", "redaktion@example.invalid")
    ports = {
        "preview": free_port(),
        "cms": free_port(),
        "proxy": free_port(),
        "drafts": free_port(),
    }
    log = folder / "make-cms.log"
    with log.open("wb") as output:
        runner = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "strategy_pages.cms.local",
                "--srcdir",
                "docs",
                "--confdir",
                ".",
                "--builddir",
                str(folder / "preview"),
                "--tools",
                str(REPO / ".cms"),
                "--preview-port",
                str(ports["preview"]),
                "--cms-port",
                str(ports["cms"]),
                "--proxy-port",
                str(ports["proxy"]),
                "--draft-port",
                str(ports["drafts"]),
            ],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
        )
    running = Servers(project, runner, log, **ports)
    try:
        wait_for(
            lambda: "Bereit." in log.read_text("utf-8") or runner.poll() is not None,
            300,
            "make cms to be ready",
        )
        assert runner.poll() is None, log.read_text("utf-8")
        print(f"make cms ready after {time.monotonic() - started:.1f} s")
        yield running
    finally:
        # Whatever a failed test left running: the runner stops its servers.
        if runner.poll() is None:
            leftover = descendants(runner.pid)
            runner.send_signal(signal.SIGINT)
            try:
                runner.wait(30)
            except subprocess.TimeoutExpired:
                runner.kill()
            for pid in leftover:
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser():
    executable = require_tool("chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


def offline_page(
    browser, width: int, requests_elsewhere: list[str], *, javascript: bool = True
):
    """A page that may reach only this computer; it notes any other request.

    Preview pages are opened without JavaScript: the preview's script reloads
    a page after each rebuild, which would race with the checks.
    """
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=javascript
    )

    def route(route):
        if re.match(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/", route.request.url):
            route.continue_()
        else:
            requests_elsewhere.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context.new_page()


def shot(page, tmp_path: Path, name: str) -> None:
    page.screenshot(path=str(tmp_path / name), full_page=True)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / name, Path(SHOTS) / name)


def open_entry(page, servers: Servers) -> None:
    page.goto(servers.admin)
    page.get_by_role("button", name=re.compile("Login|Anmelden")).click()
    page.goto(servers.admin + "#/collections/seiten/entries/projekt")
    page.wait_for_selector("input[id^=title-field]", timeout=60_000)


def through_the_workflow(page, servers: Servers) -> str:
    """Save the open entry as a draft, move it to In Prüfung and Bereit, open
    its preview and publish it; the preview's address."""
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Beitrag gespeichert").first.wait_for()
    # The draft, opened again (as from the workflow's board): Decap asks for
    # the preview of a draft it opens, not of a new one just saved.
    page.wait_for_url(re.compile("/entries/"))  # a new one: once saved
    page.reload()
    page.get_by_text(re.compile("^Status: ")).wait_for(timeout=60_000)
    for step in ("In Prüfung", "Bereit"):
        page.get_by_text(re.compile("^Status: ")).click()
        page.get_by_role("menuitem", name=step).click()
        page.get_by_text(f"Status: {step}").wait_for()
    # Decap asks for the draft's preview after saving; the draft is built
    # meanwhile.  Ask again should it have asked before the build was done.
    preview = page.get_by_role("link", name="Vorschau anzeigen")
    again = page.get_by_role("button", name=re.compile("Vorschau vorhanden"))

    def shown() -> bool:
        if preview.count():
            return True
        with contextlib.suppress(PlaywrightError):  # it comes and goes
            if again.is_enabled(timeout=500):
                again.click(timeout=500)
        return False

    wait_for(shown, 180, "the draft's preview")
    address = preview.get_attribute("href")
    assert address.startswith(f"http://127.0.0.1:{servers.drafts}/")
    page.get_by_role("button", name="Veröffentlichen").click()
    page.once("dialog", lambda dialog: dialog.accept())  # „wirklich …?“
    page.get_by_text("Jetzt veröffentlichen").click()
    page.get_by_text("Beitrag veröffentlicht").first.wait_for(timeout=60_000)
    return address


def list_item(page, title: str):
    """The goal or format of the CMS's list whose summary is ``title``."""
    label = page.locator("div[class*=NestedObjectLabel]", has_text=title)
    return page.locator("div[class*=ListItem]").filter(has=label)


def test_an_edit_in_the_cms_changes_the_file_exactly_there(servers, browser, tmp_path):
    before = servers.page.read_text("utf-8")
    elsewhere: list[str] = []
    page = offline_page(browser, DESKTOP, elsewhere)
    open_entry(page, servers)

    goal = list_item(page, GOAL)
    goal.locator("button").first.click()  # unfold it
    goal.locator("input[id^=title-field]").fill(NEW_GOAL)
    entry = list_item(page, FORMAT)
    entry.locator("button").first.click()
    text = entry.locator("[contenteditable=true]")
    text.scroll_into_view_if_needed()
    end = text.evaluate(  # where the text ends on the screen
        """element => {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            let last = null;
            while (walker.nextNode()) {
                if (walker.currentNode.textContent.trim()) last = walker.currentNode;
            }
            const range = document.createRange();
            range.setStart(last, last.length);
            const box = range.getBoundingClientRect();
            return {x: box.right, y: box.top + box.height / 2};
        }"""
    )
    page.mouse.click(end["x"] + 2, end["y"])  # the caret after the last word
    page.wait_for_timeout(300)  # the editor takes the caret over every 100 ms
    page.keyboard.type(" " + ADDED)
    assert text.inner_text().rstrip().endswith(ADDED)  # typed where meant
    # A readable page shows no trace of the refusal's field.
    expect(
        page.locator("[class*=-ControlContainer]:has(.strategy-readable)")
    ).to_be_hidden()
    shot(page, tmp_path, "cms-edit-1280.png")
    published = git(servers.project, "rev-parse", "HEAD")
    draft = through_the_workflow(page, servers)
    # The draft's preview is the draft, the work tree as published.
    assert NEW_GOAL in served(draft)
    assert servers.page.read_text("utf-8") != before
    assert elsewhere == []  # the CMS works offline

    # The history and the review see the two edits and nothing else.
    repository = Repository.find(servers.project / "docs")
    changes = compare(repository.pages(published), repository.pages("HEAD"), GERMAN)
    assert [(change.kind, change.part, change.item) for change in changes] == [
        ("item_renamed", "goals", NEW_GOAL),
        ("text", "formats", FORMAT),
    ]
    runs = changes[1].diff.runs
    assert "".join(text for kind, text in runs if kind == "+").strip() == ADDED
    assert [text for kind, text in runs if kind == "-"] == []
    lines = review.summary(changes, published, GERMAN).splitlines()
    assert [line for line in lines if line.startswith("- ")] == [
        f"- **Ä1** Ziel umbenannt: „{GOAL}“ → „{NEW_GOAL}“",
        f"- **Ä2** Text von „{FORMAT}“ geändert:",
    ]
    # The CMS wrote the YAML anew (js-yaml, close to the page's own style),
    # keeping what it has no field for: Sphinx's keys and the body.
    after = servers.page.read_text("utf-8")
    data = load_front_matter(after, "projekt.md").data
    assert data.value["title"] == "xxx"
    yaml_text, first_line = split_front_matter(after)
    body = after.split("\n", first_line + yaml_text.count("\n"))[-1]
    assert body.strip() == "<ProjectPage />"

    # The preview rebuilt the page with both edits and no notice.
    def rebuilt():
        page_html = served(servers.preview_url("projekt.html"))
        return NEW_GOAL in page_html and ADDED in page_html

    wait_for(rebuilt, 180, "the preview to show the edits")
    for width in (DESKTOP, PHONE):
        preview = offline_page(browser, width, elsewhere, javascript=False)
        preview.goto(servers.preview_url("projekt.html"))
        expect(preview.locator("h3", has_text=NEW_GOAL)).to_be_visible()
        expect(preview.get_by_text(ADDED)).to_be_visible()
        expect(preview.locator(".strategy-editor-notice")).to_have_count(0)
        shot(preview, tmp_path, f"preview-{width}.png")


def test_a_new_progress_page_from_draft_to_the_navigation(servers, browser, tmp_path):
    page = offline_page(browser, DESKTOP, [])
    page.goto(servers.admin)
    page.get_by_role("button", name=re.compile("Login|Anmelden")).click()
    page.goto(servers.admin + "#/collections/ergebnisse/new")
    titles = page.locator("input[id^=title-field]")
    titles.first.wait_for(timeout=60_000)
    titles.nth(0).fill("Bilanz 2026")  # the page's own title: its file name
    titles.nth(1).fill("Was 2026 geschah")  # the hero's
    # German labels as the office writes them, not as Decap lower-cases them.
    page.get_by_role("button", name="Schritt hinzufügen").click()
    expect(page.get_by_text("1 Schritt", exact=True)).to_be_visible()
    page.locator("input[id^=date-field]").fill("Mai 2026")
    titles.nth(2).fill("Auftakt im Rathaus")
    # A photo as phones send it, WebP, uploaded as the page's picture.
    photo = tmp_path / "auftakt.webp"
    subprocess.run(
        [require_tool("convert", "imagemagick"), "-size", "800x500", "plasma:", photo],
        check=True,
        timeout=60,
    )
    page.get_by_role("button", name="Wähle ein Bild").first.click()
    page.locator("input[type=file]").set_input_files(str(photo))
    use = page.get_by_role("button", name="Ausgewähltes Element verwenden")
    use.click()
    expect(use).to_be_hidden()
    expect(page.get_by_role("button", name="Wähle ein anderes Bild")).to_be_visible()
    shot(page, tmp_path, "cms-new-page-1280.png")
    draft = through_the_workflow(page, servers)
    assert draft.endswith("/ergebnisse/bilanz-2026/seiten/ergebnisse/bilanz-2026.html")
    assert "Auftakt im Rathaus" in served(draft)

    new = servers.project / "docs" / "seiten" / "ergebnisse" / "bilanz-2026.md"
    text = git(servers.project, "show", "HEAD:docs/seiten/ergebnisse/bilanz-2026.md")
    assert new.read_text("utf-8").strip() == text.strip()
    data = load_front_matter(text, "bilanz-2026.md").data.value
    assert data["title"] == "Bilanz 2026"
    assert data["timeline"] == [{"date": "Mai 2026", "title": "Auftakt im Rathaus"}]
    assert data["hero"]["image"] == "/images/auftakt.webp"
    assert git(servers.project, "ls-files", "docs/images/auftakt.webp")
    assert text.rstrip().endswith("<ProgressPage />")
    assert git(servers.project, "branch", "--list", "cms/*") == ""

    # Published, it joins the navigation; no toctree was touched.
    def listed():
        front = served(servers.preview_url("index.html"))
        built = served(servers.preview_url("seiten/ergebnisse/bilanz-2026.html"))
        return "seiten/ergebnisse/bilanz-2026.html" in front and "Auftakt" in built

    wait_for(listed, 180, "the preview to show and list the new page")
    preview = offline_page(browser, DESKTOP, [], javascript=False)
    preview.goto(servers.preview_url("seiten/ergebnisse/bilanz-2026.html"))
    expect(preview.locator("h1", has_text="Was 2026 geschah")).to_be_visible()
    expect(preview.locator("h3", has_text="Auftakt im Rathaus")).to_be_visible()

    # The publication's PDF holds the photo, converted from WebP.
    for tool in ("latexmk", "xelatex", "pdfimages"):
        require_tool(tool, PDF_PACKAGES)
    publication = build_in(
        servers.project / "docs",
        "latex",
        tags=["publikation"],
        builddir=tmp_path / "publikation",  # not the preview's, which runs on
    )
    make_pdf(publication.outdir)
    (pdf,) = [tex.with_suffix(".pdf") for tex in publication.outdir.glob("*.tex")]
    listed = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = [row.split()[3:5] for row in listed.splitlines()[2:]]
    assert ["800", "500"] in sizes, listed


def test_the_cms_fits_a_phone(servers, browser, tmp_path):
    page = offline_page(browser, PHONE, [])
    open_entry(page, servers)
    shot(page, tmp_path, "cms-375.png")
    title = page.locator("input[id^=title-field]").first
    box = title.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    title.fill("Projektbeschreibung 2026")  # usable, not only visible
    expect(page.get_by_text("Ungespeicherte Änderungen")).to_be_visible()


def test_a_slip_shows_on_the_preview_page(servers, browser, tmp_path):
    saved = servers.page.read_text("utf-8")
    assert "    title: Beteiligung\n" in saved
    servers.page.write_text(
        saved.replace("    title: Beteiligung\n", "    titel: Beteiligung\n"), "utf-8"
    )
    try:

        def noticed():
            return "strategy-editor-notice" in served(
                servers.preview_url("projekt.html")
            )

        wait_for(noticed, 180, "the preview to show the problem")
        page = offline_page(browser, DESKTOP, [], javascript=False)
        page.goto(servers.preview_url("projekt.html"))
        notice = page.locator(".strategy-editor-notice").first
        expect(notice).to_be_visible()
        assert "„titel“" in notice.inner_text() and "Ziel 1" in notice.inner_text()
        shot(page, tmp_path, "preview-notice-1280.png")
    finally:
        servers.page.write_text(saved, "utf-8")


def test_a_page_the_cms_cannot_read_is_refused_not_overwritten(
    servers, browser, tmp_path
):
    saved = servers.page.read_text("utf-8")
    assert "    title: Beteiligung\n" in saved
    # A colon in a text without quotation marks, written outside the CMS.
    broken = saved.replace("    title: Beteiligung\n", "    title: Beteiligung: mehr\n")
    line = broken.split("\n").index("    title: Beteiligung: mehr") + 1
    servers.page.write_text(broken, "utf-8")
    before = servers.page.read_bytes()
    try:
        # The rebuilt admin page knows the build's messages of the page.
        wait_for(
            lambda: "Beteiligung: mehr" in served(servers.admin), 180, "the rebuild"
        )
        page = offline_page(browser, DESKTOP, [])
        page.goto(servers.admin)
        page.get_by_role("button", name=re.compile("Login|Anmelden")).click()
        page.goto(servers.admin + "#/collections/seiten/entries/projekt")
        refusal = page.locator(".strategy-unreadable")
        expect(refusal).to_be_visible(timeout=60_000)
        text = refusal.inner_text()
        assert text.startswith("Das CMS kann die Daten dieser Seite nicht lesen")
        assert f"(Zeile {line} der Datei)" in text and "Anführungszeichen" in text
        shot(page, tmp_path, "cms-unreadable-1280.png")
        # An editor fills in the empty form, as if it were the page, and saves.
        page.locator("input[id^=title-field]").first.fill("Neu")
        page.get_by_role("button", name="Speichern").click()
        # Refused: the field's message stands a second time, as its error.
        refused = page.get_by_text("Das CMS kann die Daten dieser Seite nicht lesen")
        expect(refused).to_have_count(2)
        page.wait_for_timeout(1000)  # what a save would have taken
        assert servers.page.read_bytes() == before
    finally:
        servers.page.write_text(saved, "utf-8")


def post_to_proxy(servers: Servers, path: str, host: str, origin: str) -> int:
    """Save ``path`` through the proxy of ``make cms`` as a page would; the status."""
    body = json.dumps(
        {
            "action": "persistEntry",
            "params": {
                "branch": "main",
                "dataFiles": [{"slug": "x", "path": path, "raw": "import os\n"}],
                "assets": [],
                "options": {"commitMessage": "x", "useWorkflow": False, "status": "x"},
            },
        }
    )
    connection = http.client.HTTPConnection("127.0.0.1", servers.proxy, timeout=30)
    try:
        connection.request(
            "POST",
            "/api/v1",
            body,
            {"Host": host, "Origin": origin, "Content-Type": "application/json"},
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_the_proxy_writes_only_pages_for_the_admin_page(servers):
    own = f"127.0.0.1:{servers.proxy}"
    admin = f"http://127.0.0.1:{servers.cms}"
    conf = servers.project / "conf.py"
    before = conf.read_bytes(), servers.page.read_bytes()
    assert post_to_proxy(servers, "conf.py", own, admin) == 403
    # DNS rebinding; a script of the preview's pages (an uploaded SVG).
    assert post_to_proxy(servers, "docs/projekt.md", "evil.example", admin) == 403
    preview = f"http://127.0.0.1:{servers.preview}"
    assert post_to_proxy(servers, "docs/projekt.md", own, preview) == 403
    assert (conf.read_bytes(), servers.page.read_bytes()) == before


def test_ctrl_c_stops_every_server(servers):
    processes = descendants(servers.runner.pid)
    assert len(processes) >= 2  # decap-server, sphinx-autobuild
    servers.runner.send_signal(signal.SIGINT)
    assert servers.runner.wait(30) == 0
    assert [pid for pid in processes if alive(pid)] == []
    for port in (servers.preview, servers.cms, servers.proxy):
        assert not listening(port), port
