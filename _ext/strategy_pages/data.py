"""Where the strategy data of the document being read comes from.

A Markdown page's front matter is read on ``source-read`` (myst-parser keeps
no typed copy of it).  A directive's ``data`` option names a YAML file, or a
Markdown page whose front matter to use; such a file is a dependency of the
document, so editing it rebuilds the document.  Problems of the data are
reported once, by the document that owns it: a page used as data reports its
own problems when it is read itself.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation

from . import messages, notices
from .core import vocabulary
from .loading import (
    LoadResult,
    blank_front_matter,
    blank_top_level_keys,
    load_front_matter,
    load_yaml,
    split_front_matter,
)
from .model import StrategyPage, normalise
from .paths import inside
from .reporting import report, warn
from .schema import check, has_strategy_data, strategy_keys

_ = get_translation("strategy_pages")

_CURRENT = "strategy_pages"


@dataclass
class DocumentData:
    """What the document being read knows of its strategy data."""

    source: str
    front_matter: LoadResult
    page: StrategyPage | None = None
    #: the parts of ``page`` that a directive or ``<ProjectPage />`` rendered
    shown: set[str] = field(default_factory=set)
    warned_no_data: bool = False
    #: pages loaded through the ``data`` option, by absolute path
    files: dict[str, StrategyPage | None] = field(default_factory=dict)


def on_source_read(app: Sphinx, docname: str, content: list[str]) -> None:
    """Read the front matter of a Markdown page, and tell MyST only the rest.

    Problems of the YAML are told here, on every page, located and once:
    MyST, which reads the front matter again, gets it without them.
    """
    env = app.env
    source = str(env.doc2path(docname))
    notices.start_document()
    document = DocumentData(source, LoadResult(None))
    env.current_document[_CURRENT] = document
    if not _is_markdown(env, source) or split_front_matter(content[0]) is None:
        return
    front_matter = document.front_matter = load_front_matter(content[0], source)
    report(front_matter.problems, source)
    data = front_matter.data
    if data is None or not isinstance(data.value, dict):
        if data is not None:
            front_matter.problems += check(data).problems
            report(front_matter.problems[-1:], source)
        # MyST could only complain again, or of an empty front matter.
        content[0] = blank_front_matter(content[0])
        return
    checked = check(data)
    if has_strategy_data(checked.data.value):
        document.page = normalise(checked.data)
        report(checked.problems, source)
    # The data is ours: MyST need not parse it again, nor turn it into page
    # metadata (as JSON strings).  Sphinx's own keys stay, and a misspelt
    # strategy key goes with the key it was read as.
    content[0] = blank_top_level_keys(content[0], checked.data, strategy_keys())


#: Data files (not pages) whose problems this build reported already.
_REPORTED_FILES: set[str] = set()


def forget_reported_files(
    app: Sphinx, env: BuildEnvironment, docnames: list[str]
) -> None:
    _REPORTED_FILES.clear()


#: Prefix of the codec names that read a source encoding leniently.
_LENIENT = "strategy_pages_lenient_"


def lenient_codec(name: str) -> codecs.CodecInfo | None:
    """A codec search function: ``strategy_pages_lenient_utf_8`` reads UTF-8
    with characters that cannot be decoded replaced by U+FFFD."""
    if not name.startswith(_LENIENT):
        return None
    base = codecs.lookup(name.removeprefix(_LENIENT))

    class Decoder(base.incrementaldecoder):  # type: ignore[name-defined,misc]
        def __init__(self, errors: str = "strict") -> None:
            super().__init__("replace")

    return codecs.CodecInfo(
        name=name,
        encode=base.encode,
        decode=lambda data, errors="strict": base.decode(data, "replace"),
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=Decoder,
        streamreader=base.streamreader,
        streamwriter=base.streamwriter,
    )


def read_undecodable(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Build documents that are not valid text in the source encoding.

    Sphinx stops the whole build at such a file.  Here the file and line get
    a warning, and the page is read with the undecodable bytes replaced (�),
    so that it neither goes missing nor stays stale from an earlier build.
    """
    encoding = env.settings.get("input_encoding", "utf-8-sig").removeprefix(_LENIENT)
    env.settings["input_encoding"] = encoding
    for docname in docnames:
        path = env.doc2path(docname)
        try:
            raw = path.read_bytes()
            raw.decode(encoding)
        except OSError:
            continue  # Sphinx reports unreadable files itself
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            message = messages.not_utf8(error.encoding.upper(), raw[error.start])
            warn(message, str(path), line, "encoding")
            env.settings["input_encoding"] = _LENIENT + encoding


def current(env: BuildEnvironment) -> DocumentData | None:
    """What :func:`on_source_read` found in the document being read."""
    return env.current_document.get(_CURRENT)


def page_data(
    env: BuildEnvironment, data_option: str | None, source: str, line: int
) -> StrategyPage | None:
    """The strategy data for a directive at ``line`` of ``source``.

    Warns, naming the file and line, when there is none.
    """
    document = current(env)
    if document is None:  # a directive outside a document read by Sphinx
        return None
    if data_option:
        page = _data_file(env, document, data_option, source, line)
        if page is None or page.is_empty:
            return None
        return page
    if document.page is None:
        if document.warned_no_data:
            return None
        document.warned_no_data = True
        if not document.front_matter.problems:  # else told on reading already
            keys = list(vocabulary.data_keys())
            warn(messages.no_data(keys), source, line, "no_data")
        return None
    return document.page


def note_shown(env: BuildEnvironment, page: StrategyPage, parts: Iterable[str]) -> None:
    """Note that ``parts`` of ``page`` are on the page being read."""
    document = current(env)
    if document is not None and page is document.page:
        document.shown.update(parts)


def warn_unshown(document: DocumentData) -> None:
    """Warn about front-matter data that nothing on its page renders."""
    page = document.page
    if page is None:
        return
    for part in page.parts():
        if part not in document.shown:
            label = str(_(vocabulary.PARTS[part].label))
            # The first page type that shows the part (the hero: ProjectPage).
            tag = next(
                (t.tag for t in vocabulary.PAGE_TYPES.values() if part in t.parts),
                "ProjectPage",
            )
            warn(
                messages.unused(label, part, tag),
                document.source,
                page.line_of_part(part),
                "unused",
            )


def _data_file(
    env: BuildEnvironment, document: DocumentData, option: str, source: str, line: int
) -> StrategyPage | None:
    _, absolute = env.relfn2path(option, env.docname)
    path = inside(Path(absolute), env.srcdir)
    if path is None:
        warn(messages.data_outside(option), source, line, "data")
        return None
    key = str(path)
    if key not in document.files:  # each file is read and checked once a page
        env.note_dependency(path)
        document.files[key] = _load_data_file(env, path, option, source, line)
    return document.files[key]


def _load_data_file(
    env: BuildEnvironment, path: Path, option: str, source: str, line: int
) -> StrategyPage | None:
    if not path.is_file():
        warn(messages.data_not_found(option), source, line, "data")
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        warn(messages.data_unreadable(option, str(error)), source, line, "data")
        return None
    key = str(path)
    markdown = _is_markdown(env, key)
    result = load_front_matter(text, key) if markdown else load_yaml(text, key)
    # A page of the site reports its own problems when it is read; a YAML
    # file, by the first page that reads it in the build.
    owned = env.path2doc(key) in env.found_docs or key in _REPORTED_FILES
    _REPORTED_FILES.add(key)
    if result.data is None:
        if not owned:
            report(result.problems, key)
        if not result.problems:
            warn(messages.data_empty(option), source, line, "no_data")
        return None
    checked = check(result.data)
    if not owned:
        report([*result.problems, *checked.problems], key)
    return normalise(checked.data)


def _is_markdown(env: BuildEnvironment, path: str) -> bool:
    suffix = Path(path).suffix
    return env.config.source_suffix.get(suffix) == "markdown"
