"""Edit on one's own computer: the CMS, its local proxy and a live preview.

``python -m strategy_pages.cms.local`` (``make cms``) starts, all on loopback:

* the preview: sphinx-autobuild rebuilds the site on every save and reloads
  the browser, with each data problem shown on its page
  (``strategy_editor_notices``);
* decap-server in its git mode, the proxy through which the CMS reads and
  writes the repository (``local_backend``), behind a guard (:mod:`.guard`)
  that lets through only the CMS's own requests for the pages and images
  its configuration names.  The CMS's editorial workflow works as hosted:
  a saved draft is a branch ``cms/<collection>/<slug>``, its status that
  branch's description, and publishing merges it into the branch checked
  out (a commit, for ``git push``);
* the drafts' previews: the CMS's preview link of a draft builds that
  branch, checked out in a worktree of its own below the build folder, and
  serves the result on a port of its own (``--draft-port``).  Built when
  asked for, not live: after a further save the link builds it anew;
* the CMS itself: ``admin/`` of the preview build, with Decap CMS from the
  npm-installed copy in ``.cms/node_modules`` (installed on first use, from
  the pinned versions of ``.cms/package-lock.json``), so it works offline.

``--no-cms`` (``make preview``) starts the preview alone.  Ctrl-C stops
everything it started.  What it prints is for editors, in German.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import hashlib
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import yaml

from ..paths import inside
from ..versioning import git
from .guard import API, guard_server
from .site import repository_root

#: The copy of Decap CMS that ``make cms`` serves, inside the tools folder.
DECAP_DIST = Path("node_modules", "decap-cms", "dist")
DECAP_SERVER_DIST = Path("node_modules", "decap-server", "dist")
#: What starts decap-server on a Unix socket, for the guard alone.
DECAP_ON_SOCKET = Path(__file__).with_name("decap_socket.js")
#: Where the admin page finds the local copy (beside it, under admin/).
LOCAL_BUNDLE = "decap/decap-cms.js"
LOOPBACK = "127.0.0.1"

_STAMP = ".installed"
_TYPES = {
    ".wasm": "application/wasm",
    ".yml": "text/yaml; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}
_STOP_TIMEOUT = 10.0


class LocalError(Exception):
    """Something the editor can fix, said in German."""


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        with Session(arguments) as session:
            session.start()
            session.wait()
    except LocalError as error:
        print(f"\n{error}", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m strategy_pages.cms.local",
        description="Serve the CMS with a local proxy and a live preview of the "
        "site, on loopback; Ctrl-C stops them.",
    )
    parser.add_argument("--srcdir", type=Path, default=Path("docs"))
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument(
        "--builddir",
        type=Path,
        default=Path("_build", "preview"),
        help="preview output",
    )
    parser.add_argument(
        "--tools", type=Path, default=Path(".cms"), help="folder of package.json"
    )
    parser.add_argument("--preview-port", type=int, default=8000)
    parser.add_argument("--cms-port", type=int, default=8080)
    parser.add_argument("--proxy-port", type=int, default=8081)
    parser.add_argument(
        "--draft-port", type=int, default=8082, help="the drafts' previews"
    )
    parser.add_argument(
        "--no-cms", dest="cms", action="store_false", help="the preview alone"
    )
    parser.add_argument(
        "sphinx_options", nargs=argparse.REMAINDER, help="after --: for sphinx-build"
    )
    return parser


# --- npm ------------------------------------------------------------------


def ensure_installed(tools: Path) -> Path:
    """``node_modules`` of ``tools``, installed from its lockfile if need be.

    npm's cache is ``tools/npm-cache``; an install is redone only when
    ``package.json`` or the lockfile changed.  Concurrent callers wait for
    each other.
    """
    tools = tools.resolve()
    modules = tools / "node_modules"
    digest = _digest(tools)
    if _installed(modules, digest):
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise LocalError(
            "npm fehlt. Installieren Sie Node.js mit npm, unter Debian oder Ubuntu: "
            "sudo apt-get install nodejs npm"
        )
    with open(tools / ".install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _installed(modules, digest):
            return modules
        print(
            "Decap CMS wird eingerichtet (nur beim ersten Mal, etwa eine Minute) …",
            flush=True,
        )
        try:
            subprocess.run(
                [
                    npm,
                    "ci",
                    "--no-audit",
                    "--no-fund",
                    "--ignore-scripts",
                    "--prefer-offline",
                    "--loglevel=error",
                    "--cache",
                    str(tools / "npm-cache"),
                ],
                cwd=tools,
                check=True,
            )
        except subprocess.CalledProcessError as error:
            raise LocalError(
                "Decap CMS ließ sich nicht mit npm installieren (siehe oben). "
                "Beim ersten Mal braucht das eine Verbindung ins Internet."
            ) from error
        (modules / _STAMP).write_text(digest, encoding="utf-8")
    return modules


def _digest(tools: Path) -> str:
    hashed = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        hashed.update((tools / name).read_bytes())
    return hashed.hexdigest()


def _installed(modules: Path, digest: str) -> bool:
    stamp = modules / _STAMP
    return stamp.is_file() and stamp.read_text(encoding="utf-8") == digest


# --- the servers -----------------------------------------------------------


@dataclass
class Session:
    """The servers of one ``make cms`` or ``make preview``; a context manager."""

    arguments: argparse.Namespace
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    #: the admin page's server and the guard in front of decap-server
    servers: list[http.server.ThreadingHTTPServer] = field(default_factory=list)
    #: the private folder of decap-server's socket
    _sockets: Path | None = None
    drafts: DraftPreviews | None = None
    _stopping: threading.Event = field(default_factory=threading.Event)

    def __enter__(self) -> Session:
        self._previous = {
            number: signal.signal(number, self._on_signal)
            for number in (signal.SIGTERM, signal.SIGHUP)
        }
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
        for number, handler in self._previous.items():
            signal.signal(number, handler)

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    @property
    def outdir(self) -> Path:
        return self.arguments.builddir.resolve()

    def start(self) -> None:
        a = self.arguments
        srcdir, confdir = a.srcdir.resolve(), a.confdir.resolve()
        ports = [
            a.preview_port,
            *([a.cms_port, a.proxy_port, a.draft_port] if a.cms else []),
        ]
        for port in ports:
            _check_free(port)
        defines = ["-D", "strategy_editor_notices=1"]
        if a.cms:
            modules = ensure_installed(a.tools)
            node = shutil.which("node")
            if node is None:
                raise LocalError("node fehlt: sudo apt-get install nodejs npm")
            root = repository_root(srcdir, confdir)
            branch = current_branch(root)
            proxy = f"http://{LOOPBACK}:{a.proxy_port}{API}"
            # decap-server on a socket in a folder of this user's alone; the
            # guard on the proxy's port is the only way to it.
            self._sockets = Path(tempfile.mkdtemp(prefix="strategy-cms-"))
            self._spawn(
                "decap-server",
                [
                    node,
                    str(DECAP_ON_SOCKET),
                    str(modules.parent / DECAP_SERVER_DIST),
                    str(self._upstream),
                ],
                {"GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"},
            )
            defines += [
                "-D",
                f"strategy_cms_local_backend={proxy}",
                "-D",
                f"strategy_cms_bundle={LOCAL_BUNDLE}",
                # Drafts are branches from, and published into, this one.
                "-D",
                f"strategy_cms_branch={branch}",
            ]
        options = [option for option in a.sphinx_options if option != "--"]
        self._spawn(
            "sphinx-autobuild",
            [
                sys.executable,
                "-m",
                "sphinx_autobuild",
                str(srcdir),
                str(self.outdir),
                "-c",
                str(confdir),
                "--host",
                LOOPBACK,
                "--port",
                str(a.preview_port),
                "-q",
                *defines,
                *options,
            ],
        )
        if a.cms:
            admin = self.outdir / "admin"
            self.drafts = DraftPreviews(
                root,
                srcdir.relative_to(root),
                confdir.relative_to(root),
                self.outdir.with_name(self.outdir.name + "-entwuerfe"),
                a.draft_port,
                options,
            )
            self.servers = [
                admin_server(admin, modules.parent / DECAP_DIST, root, a.cms_port),
                guard_server(
                    a.proxy_port,
                    a.cms_port,
                    self._upstream,
                    admin / "config.yml",
                    root,
                    branch=branch,
                    draft_preview=self.drafts.preview,
                ),
                static_server(self.drafts.html, a.draft_port),
            ]
            for server in self.servers:
                threading.Thread(target=server.serve_forever, daemon=True).start()
        self._wait_until_ready()
        self._announce()

    @property
    def _upstream(self) -> Path:
        """decap-server's socket."""
        assert self._sockets is not None
        return self._sockets / "decap.sock"

    def _spawn(
        self, name: str, command: list[str], env: dict[str, str] | None = None
    ) -> None:
        self.processes[name] = subprocess.Popen(
            command,
            env={**os.environ, **(env or {})},
            # Each in a process group of its own, which stop() ends whole
            # (sphinx-autobuild runs sphinx-build in a child); and ended with
            # this process, should it die without stopping them.
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )

    def _wait_until_ready(self) -> None:
        a = self.arguments
        started = time.time()
        config = self.outdir / "admin" / "config.yml"
        told = False
        while True:
            self._check_alive()
            ready = _listening(a.preview_port) and (
                not a.cms
                or (
                    _answering(self._upstream)
                    and config.is_file()
                    and config.stat().st_mtime >= started - 1
                )
            )
            if ready:
                return
            if not told and time.time() - started > 5:
                print("Die Vorschau wird gebaut …", flush=True)
                told = True
            time.sleep(0.2)

    def _check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise LocalError(
                    f"{name} wurde beendet (Rückgabewert {process.returncode}); "
                    "die Meldungen stehen oben."
                )

    def _announce(self) -> None:
        a = self.arguments
        lines = ["", "Bereit. Öffnen Sie im Browser:"]
        if a.cms:
            lines.append(f"  CMS:      http://{LOOPBACK}:{a.cms_port}/admin/")
        lines.append(f"  Vorschau: http://{LOOPBACK}:{a.preview_port}/")
        if a.cms:
            lines += [
                "Was Sie im CMS speichern, ist ein Entwurf (ein git-Zweig cms/…);",
                "„Veröffentlichen“ übernimmt ihn als Commit in Ihren Zweig, git push",
                "bringt ihn auf den Server. Die Vorschau zeigt den Stand der Dateien;",
            ]
        lines += [
            "die Vorschau baut nach jedem Speichern neu und lädt die Seite neu.",
            "Beenden mit Strg+C.",
            "",
        ]
        print("\n".join(lines), flush=True)

    def wait(self) -> None:
        try:
            while not self._stopping.is_set():
                self._check_alive()
                time.sleep(0.5)
        except KeyboardInterrupt:
            print("\nWird beendet …", flush=True)

    def stop(self) -> None:
        """End every server this session started, and their children."""
        self._stopping.set()
        for server in self.servers:
            server.shutdown()
            server.server_close()
        self.servers.clear()
        for process in self.processes.values():
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + _STOP_TIMEOUT
        for process in self.processes.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(max(0.1, deadline - time.monotonic()))
            # Whatever is left of the group, the process or its children.
            _signal_group(process, signal.SIGKILL)
            process.wait()
        self.processes.clear()
        if self._sockets is not None:
            shutil.rmtree(self._sockets, ignore_errors=True)
            self._sockets = None
        if self.drafts is not None:
            self.drafts.remove()
            self.drafts = None


def current_branch(root: Path) -> str:
    """The branch checked out at ``root``: drafts start from it and are
    published into it."""
    branch = git(root, "symbolic-ref", "--quiet", "--short", "HEAD")
    if not branch:
        raise LocalError(
            "Im Arbeitsordner ist kein Zweig ausgecheckt (git: „detached HEAD“). "
            "Das CMS legt Entwürfe als Zweige an und veröffentlicht sie in den "
            "ausgecheckten Zweig: git switch main"
        )
    return branch


@dataclass
class DraftPreviews:
    """The previews of the CMS's drafts, built when the CMS asks for one.

    A draft is the branch ``cms/<collection>/<slug>``.  Its preview is a
    build of that branch's commit, checked out (detached) in a worktree of
    the repository below ``folder``, so the editor's work tree stays as it
    is, into ``folder/html/<collection>/<slug>/``, which ``port`` serves.
    One at a time; a rebuild reads only what changed.
    """

    root: Path
    #: the sources and the configuration, relative to the repository's top
    srcdir: Path
    confdir: Path
    folder: Path
    port: int
    options: list[str] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def html(self) -> Path:
        return self.folder / "html"

    @property
    def source(self) -> Path:
        return self.folder / "quelle"

    def preview(self, collection: str, slug: str) -> dict[str, str] | None:
        """Decap's deploy preview of a draft; None while there is none."""
        commit = git(
            self.root,
            "rev-parse",
            "--verify",
            "--quiet",
            f"cms/{collection}/{slug}^{{commit}}",
        )
        if not commit:
            return None
        with self._lock:
            if not self._checkout(commit) or not self._build(collection, slug):
                return None
        return {
            "url": f"http://{LOOPBACK}:{self.port}/{collection}/{slug}/",
            "status": "SUCCESS",
        }

    def _checkout(self, commit: str) -> bool:
        if (self.source / ".git").exists():
            return (
                git(self.source, "checkout", "--quiet", "--detach", "--force", commit)
                is not None
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        git(self.root, "worktree", "prune")
        return (
            git(
                self.root,
                "worktree",
                "add",
                "--quiet",
                "--detach",
                "--force",
                str(self.source),
                commit,
            )
            is not None
        )

    def _build(self, collection: str, slug: str) -> bool:
        built = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-q",
                "-d",
                str(self.folder / "doctrees" / collection / slug),
                "-c",
                str(self.source / self.confdir),
                "-D",
                "strategy_editor_notices=1",
                *self.options,
                str(self.source / self.srcdir),
                str(self.html / collection / slug),
            ],
            check=False,
        )
        return built.returncode == 0

    def remove(self) -> None:
        """Remove the worktree (the built previews stay, for the next time)."""
        if (self.source / ".git").exists():
            git(self.root, "worktree", "remove", "--force", str(self.source))


def _signal_group(process: subprocess.Popen[bytes], number: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, number)


def _die_with_parent() -> None:
    """In the child: be sent SIGTERM when the parent ends (Linux)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _check_free(port: int) -> None:
    with socket.socket() as probe:
        # As the servers bind: a port still in TIME_WAIT is free to them.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError as error:
            raise LocalError(
                f"Port {port} ist belegt. Läuft „make cms“ oder „make preview“ "
                "schon in einem anderen Fenster? Andere Ports wählen Sie so: "
                "make cms PREVIEW_PORT=8010 CMS_PORT=8090 CMS_PROXY_PORT=8091"
            ) from error


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((LOOPBACK, port)) == 0


def _answering(socket_path: Path) -> bool:
    with socket.socket(socket.AF_UNIX) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(str(socket_path)) == 0


# --- the admin page ----------------------------------------------------------


def admin_server(
    admin: Path, decap: Path, root: Path, port: int, host: str = LOOPBACK
) -> http.server.ThreadingHTTPServer:
    """Serve the CMS: ``admin`` at /admin/, Decap's ``dist`` at /admin/decap/.

    Images are served where the pages name them (``public_folder``, from the
    folder ``media_folder`` of the repository at ``root``), for the CMS's
    thumbnails.  Not through sphinx-autobuild, which would reload the CMS
    after every save.
    """
    admin, decap, root = admin.resolve(), decap.resolve(), root.resolve()

    def routes() -> list[tuple[str, Path]]:
        found = [("/admin/decap/", decap), ("/admin/", admin)]
        with contextlib.suppress(OSError, yaml.YAMLError, AttributeError, TypeError):
            config = yaml.safe_load((admin / "config.yml").read_text("utf-8"))
            public = str(config["public_folder"]).strip("/")
            media = inside(root / str(config["media_folder"]), root)
            if public and media is not None:
                found.append((f"/{public}/", media))
        return found

    class Handler(_ContainedHandler):
        def guess_type(self, path: str | os.PathLike[str]) -> str:
            suffix = Path(path).suffix
            return _TYPES.get(suffix) or super().guess_type(path)

        def translate_path(self, path: str) -> str:
            # The parent's translation drops "..", "." and empty parts, in
            # the folder of the route; but it follows links: what one leads
            # out of the folder is not served either.
            route = urllib.parse.urlsplit(path).path
            for prefix, folder in routes():
                if route.startswith(prefix):
                    self.directory = str(folder)
                    found = super().translate_path("/" + path[len(prefix) :])
                    return found if _stays_in(Path(found), folder) else ""
            return ""  # no file: 404

        def send_head(self) -> Any:
            route = urllib.parse.urlsplit(self.path).path
            if route in ("", "/", "/admin"):
                self.send_response(302)
                self.send_header("Location", "/admin/")
                self.end_headers()
                return None
            return super().send_head()

        def end_headers(self) -> None:
            if not urllib.parse.urlsplit(self.path).path.startswith("/admin/"):
                # An uploaded image opened by itself runs no script in the
                # admin page's origin, which the local proxy trusts.
                self.send_header("Content-Security-Policy", "sandbox")
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return http.server.ThreadingHTTPServer((host, port), Handler)


def static_server(
    folder: Path, port: int, host: str = LOOPBACK
) -> http.server.ThreadingHTTPServer:
    """Serve the files of ``folder``, and nothing a link leads out of it."""
    folder.mkdir(parents=True, exist_ok=True)
    folder = folder.resolve()

    class Handler(_ContainedHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def translate_path(self, path: str) -> str:
            found = super().translate_path(path)
            return found if _stays_in(Path(found), folder) else ""

        def log_message(self, format: str, *args: object) -> None:
            pass

    return http.server.ThreadingHTTPServer((host, port), Handler)


class _ContainedHandler(http.server.SimpleHTTPRequestHandler):
    """Serves what ``translate_path`` finds ('' for nothing: 404), and lets
    no browser keep an old copy: the files change with every build."""

    def send_head(self) -> Any:
        if not self.translate_path(self.path):
            self.send_error(404)
            return None
        return super().send_head()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def _stays_in(target: Path, folder: Path) -> bool:
    """Whether ``target``, and the index page served for it if a folder,
    resolve inside ``folder``."""
    served = [target, target / "index.html"] if target.is_dir() else [target]
    return all(inside(path, folder) is not None for path in served)


if __name__ == "__main__":
    sys.exit(main())
