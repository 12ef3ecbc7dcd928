"""The guard in front of decap-server, the local proxy of ``make cms``.

decap-server reads and writes any path of the repository (``conf.py``,
``.git/hooks`` too), answers any Host header and lets every page on a
loopback port call it.  So it listens on a Unix socket
(``decap_socket.js``) that only this guard reaches, and the guard, on the
proxy's loopback port, lets through only:

* requests naming its own address in ``Host`` (no DNS rebinding);
* requests from the admin page's exact origin (``Origin``), the only one
  that gets CORS headers.  A request without ``Origin`` is refused too: the
  CMS calls the proxy from another port, so browsers always send one;
* decap-server's actions whose every path is a page the CMS configuration
  names (``admin/config.yml``: a collection's file, or a ``.md`` file in a
  collection's folder), the media folder or an image in it, resolved with
  symbolic links and never leaving the repository.  Reads are held to the
  same paths as writes: the CMS reads nothing else.  Renames are not let
  through (the CMS renames no page of a ``files`` collection, and
  decap-server would move the whole folder with it).

decap-server runs in its git mode, which keeps each draft as a branch
``cms/<collection>/<slug>`` of the repository: a draft's actions must name a
collection of the configuration and a plain slug, and every action the
branch the session edits (decap-server checks out any branch it is given).
Saving commits with ``git add .``, so the guard lets the actions that save
through only while the work tree holds no changes of its own, and says so.
``getDeployPreview`` is answered by the guard: the address of the draft's
preview (:mod:`.local`).
"""

from __future__ import annotations

import contextlib
import http.client
import http.server
import json
import re
import socket
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..paths import inside
from ..versioning import git

API = "/api/v1"
#: decap-server's own limit of a request's body (uploads come base64-encoded).
MAX_BODY = 50 * 1024 * 1024
#: What the media folder takes: images, as the pages name them.
IMAGE_SUFFIXES = frozenset(
    {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico"}
)
_TIMEOUT = 60.0
#: A collection's name or an entry's slug, as the configuration and Decap's
#: ASCII slugs make them: part of a branch name, never an option or a path.
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.~-]{0,99}$")
#: The actions of the editorial workflow that name a draft (a branch).
DRAFT_ACTIONS = frozenset(
    {
        "unpublishedEntry",
        "unpublishedEntryDataFile",
        "unpublishedEntryMediaFile",
        "deleteUnpublishedEntry",
        "publishUnpublishedEntry",
        "updateUnpublishedEntryStatus",
        "getDeployPreview",
    }
)
#: The actions that commit with ``git add .``, which would take the work
#: tree's own changes along (a checkout or a merge leaves them be, or fails).
_COMMITTING = frozenset({"persistEntry", "persistMedia", "deleteFile", "deleteFiles"})

#: The preview of a draft: its address for Decap (``{"url": …, "status":
#: "SUCCESS"}``), or None where there is no such draft.
DraftPreview = Callable[[str, str], "dict[str, str] | None"]


class Refused(Exception):
    """A request the guard does not pass on; its message is for editors."""


@dataclass(frozen=True)
class Allowed:
    """The paths the CMS configuration names, resolved."""

    root: Path
    files: frozenset[Path]
    folders: frozenset[Path]
    media: Path | None
    #: the collections' names: a draft's branch is cms/<collection>/<slug>
    collections: frozenset[str] = frozenset()

    def permits(self, path: str) -> bool:
        """Whether ``path`` (relative to the repository's top, as the CMS
        sends it) is a page, a page folder, the media folder or an image in
        it, after following every link."""
        try:
            target = inside(self.root / path, self.root)
        except (OSError, ValueError):  # a NUL byte, a loop of links
            return False
        if target is None:
            return False
        if target in self.files or target in self.folders or target == self.media:
            return True
        if target.suffix == ".md" and target.parent in self.folders:
            return True
        return (
            self.media is not None
            and target.is_relative_to(self.media)
            and target.suffix.lower() in IMAGE_SUFFIXES
        )


def allowed_paths(config_file: Path, root: Path) -> Allowed:
    """What ``config.yml`` names; nothing where it cannot be read."""
    root = root.resolve()
    files: set[Path] = set()
    folders: set[Path] = set()
    names: set[str] = set()
    media: Path | None = None
    with contextlib.suppress(OSError, yaml.YAMLError):
        # Read at every request: libyaml's loader where PyYAML has it.
        config = yaml.load(config_file.read_text("utf-8"), Loader=_LOADER)
        if isinstance(config, dict):
            media = _resolved(config.get("media_folder"), root)
            for collection in _dicts(config.get("collections")):
                if isinstance(collection.get("name"), str):
                    names.add(collection["name"])
                folder = _resolved(collection.get("folder"), root)
                if folder is not None:
                    folders.add(folder)
                for entry in _dicts(collection.get("files")):
                    file = _resolved(entry.get("file"), root)
                    if file is not None and file.suffix == ".md":
                        files.add(file)
    return Allowed(root, frozenset(files), frozenset(folders), media, frozenset(names))


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _dicts(value: object) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _resolved(value: object, root: Path) -> Path | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return inside(root / value, root)
    except (OSError, ValueError):
        return None


def paths_of(action: object, params: object) -> list[object] | None:
    """The paths an action of decap-server's file-system mode reads or
    writes, as sent (anything but a string is refused); None for an action
    that mode does not have.

    Where they stand is decap-server's request schema
    (``src/middlewares/joi/index.ts``) and its handlers
    (``src/middlewares/localFs/index.ts``).
    """
    p = params if isinstance(params, Mapping) else {}
    if action in ("unpublishedEntryDataFile", "unpublishedEntryMediaFile"):
        return [p.get("path")]
    if action in ("info", "unpublishedEntries") or action in DRAFT_ACTIONS:
        return []
    match action:
        case "entriesByFolder":
            return [p.get("folder")]
        case "entriesByFiles":
            return [file.get("path") for file in _items(p.get("files"))]
        case "getEntry" | "getMediaFile" | "deleteFile":
            return [p.get("path")]
        case "getMedia":
            return [p.get("mediaFolder")]
        case "persistMedia":
            return [_field(p.get("asset"), "path")]
        case "deleteFiles":
            paths = p.get("paths")
            return list(paths) if isinstance(paths, list) else [None]
        case "persistEntry":
            data_files = [*_items(p.get("dataFiles"))]
            if "entry" in p:
                data_files.append(p["entry"] if isinstance(p["entry"], Mapping) else {})
            if any("newPath" in file for file in data_files):
                # A rename: decap-server would move the whole folder with it.
                return [None]
            found = [_field(file, "path") for file in data_files]
            return found + [asset.get("path") for asset in _items(p.get("assets"))]
    return None


def _items(value: object) -> list[Mapping[str, Any]]:
    """The entries of a list of objects; a malformed one as an empty object,
    whose missing path is refused."""
    if not isinstance(value, list):
        return []
    return [item if isinstance(item, Mapping) else {} for item in value]


def _field(value: object, key: str) -> object:
    return value.get(key) if isinstance(value, Mapping) else None


def draft_of(action: object, params: object) -> tuple[object, object] | None:
    """The collection and slug of the draft an action names; None for an
    action that names none."""
    p = params if isinstance(params, Mapping) else {}
    if action in DRAFT_ACTIONS:
        if isinstance(p.get("id"), str) and "collection" not in p:
            collection, _, slug = p["id"].partition("/")
            return collection, slug
        return p.get("collection"), p.get("slug")
    if action == "persistEntry":
        options = p.get("options")
        if isinstance(options, Mapping) and options.get("useWorkflow"):
            files = _items(p.get("dataFiles")) or _items([p.get("entry")])
            return options.get("collectionName"), files[0].get(
                "slug"
            ) if files else None
    return None


def check(request: object, allowed: Allowed, branch: str | None = None) -> None:
    """Refuse a request body that names a path the CMS may not touch, a
    draft of a collection the configuration does not name, or another
    ``branch`` than the session's."""
    if not isinstance(request, Mapping):
        raise Refused("Die Anfrage ist kein JSON-Objekt.")
    action, params = request.get("action"), request.get("params")
    paths = paths_of(action, params)
    if paths is None:
        raise Refused(f"Unbekannte Aktion {action!r}.")
    for path in paths:
        if not isinstance(path, str) or not allowed.permits(path):
            raise Refused(
                f"{path!r} ist keine Seite und kein Bild, die das CMS bearbeitet; "
                "die lokale Verbindung des CMS liest und schreibt nur diese."
            )
    draft = draft_of(action, params)
    if draft is not None:
        collection, slug = draft
        if collection not in allowed.collections or not (
            isinstance(slug, str) and _NAME.match(slug)
        ):
            raise Refused(
                f"Kein Entwurf, den das CMS bearbeitet: {collection!r}, {slug!r}."
            )
    named = params.get("branch") if isinstance(params, Mapping) else None
    if branch is not None and action != "info" and named != branch:
        raise Refused(
            f"Das CMS bearbeitet den Zweig „{branch}“, nicht {named!r}. "
            "Laden Sie die Seite des CMS neu."
        )


def changes_outside_the_cms(root: Path) -> list[str]:
    """The work tree's changes that git has not committed (``git status``)."""
    # Without the index's lock, which decap-server may hold at that moment.
    status = git(
        root, "--no-optional-locks", "status", "--porcelain", "--untracked-files=all"
    )
    return [line[3:] for line in (status or "").splitlines() if line.strip()]


def commits(action: object) -> bool:
    """Whether decap-server's git mode commits everything for ``action``."""
    return action in _COMMITTING


class _UnixConnection(http.client.HTTPConnection):
    """HTTP to decap-server on its Unix socket."""

    def __init__(self, socket_path: Path) -> None:
        super().__init__("localhost", timeout=_TIMEOUT)
        self.socket_path = socket_path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(str(self.socket_path))


def guard_server(
    port: int,
    cms_port: int,
    upstream: Path,
    config_file: Path,
    root: Path,
    host: str = "127.0.0.1",
    branch: str | None = None,
    draft_preview: DraftPreview | None = None,
) -> http.server.ThreadingHTTPServer:
    """The guard on ``host:port`` in front of decap-server at the socket
    ``upstream``, for the admin page on ``cms_port``.

    With ``branch`` (git mode), every request must name that branch, and
    the actions that commit pass only while the work tree is clean;
    ``draft_preview`` answers ``getDeployPreview``."""
    origins = {f"http://127.0.0.1:{cms_port}", f"http://localhost:{cms_port}"}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_OPTIONS(self) -> None:  # the browser's preflight of a POST
            if self._admitted():
                self.send_response(204)
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header("Access-Control-Allow-Headers", "Content-Type")
                self.send_header("Access-Control-Max-Age", "600")
                self._cors()
                self.send_header("Content-Length", "0")
                self.end_headers()

        def do_POST(self) -> None:
            if not self._admitted():
                return
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 < length <= MAX_BODY:
                self._answer(413, {"error": "Die Anfrage ist zu groß oder leer."})
                return
            body = self.rfile.read(length)
            try:
                request = json.loads(body)
                check(request, allowed_paths(config_file, root), branch)
            except ValueError:
                self._answer(400, {"error": "Die Anfrage ist kein gültiges JSON."})
                return
            except Refused as refused:
                self._answer(403, {"error": str(refused)})
                return
            action = request.get("action")
            if action == "getDeployPreview" and draft_preview is not None:
                collection, slug = draft_of(action, request.get("params")) or ("", "")
                self._answer(200, draft_preview(str(collection), str(slug)))
                return
            if branch is not None and commits(action):
                changed = changes_outside_the_cms(root)
                if changed:
                    self._answer(409, {"error": _unclean(changed)})
                    return
            self._forward(body)

        def do_GET(self) -> None:
            if self._admitted():
                self._answer(405, {"error": "Nur POST."})

        def _admitted(self) -> bool:
            """Answered with an error unless the request is for this guard,
            from the admin page, at the API's address."""
            own = {f"127.0.0.1:{port}", f"localhost:{port}"}
            if (self.headers.get("Host") or "").lower() not in own:
                self._answer(403, {"error": "Fremder Host."}, cors=False)
            elif self.headers.get("Origin") not in origins:
                self._answer(403, {"error": "Fremde Herkunft (Origin)."}, cors=False)
            elif self.path != API:
                self._answer(404, {"error": "Nicht gefunden."})
            else:
                return True
            return False

        def _forward(self, body: bytes) -> None:
            connection = _UnixConnection(upstream)
            try:
                connection.request(
                    "POST", API, body, {"Content-Type": "application/json"}
                )
                response = connection.getresponse()
                answer = response.read()
            except OSError:
                self._answer(502, {"error": "decap-server antwortet nicht."})
                return
            finally:
                connection.close()
            self.send_response(response.status)
            self.send_header(
                "Content-Type", response.getheader("Content-Type") or "application/json"
            )
            self._cors()
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def _answer(self, status: int, data: object, cors: bool = True) -> None:
            answer = json.dumps(data, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            if cors:
                self._cors()
            self.send_header("Content-Length", str(len(answer)))
            # What the guard refuses, it does not read to the end.
            self.send_header("Connection", "close")
            self.close_connection = True
            self.end_headers()
            self.wfile.write(answer)

        def _cors(self) -> None:
            self.send_header("Access-Control-Allow-Origin", self.headers["Origin"])
            self.send_header("Vary", "Origin")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer((host, port), Handler)
    port = server.server_address[1]  # the one given, or the free one of port 0
    return server


def _unclean(changed: list[str]) -> str:
    shown = ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
    return (
        "Im Arbeitsordner gibt es Änderungen, die nicht aus dem CMS kommen "
        f"({shown}). Das CMS legt Entwürfe als git-Zweige an und würde sie "
        "mitnehmen. Übernehmen Sie sie zuerst mit git commit (oder legen Sie "
        "sie mit git stash beiseite), dann versuchen Sie es erneut."
    )
