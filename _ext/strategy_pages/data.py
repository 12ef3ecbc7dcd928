"""Where the strategy data of the document being read comes from.

A Markdown page's front matter is read on ``source-read`` (myst-parser keeps
no typed copy of it).  A directive's ``data`` option names a YAML file, or a
Markdown page whose front matter to use; such a file is a dependency of the
document, so editing it rebuilds the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .loading import LoadResult, blank_top_level_keys, load_front_matter, load_yaml
from .model import StrategyPage, normalise
from .paths import inside
from .reporting import report, warn
from .schema import STRATEGY_KEYS, has_strategy_data, validate

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
    env = app.env
    source = str(env.doc2path(docname))
    if _is_markdown(env, source):
        front_matter = load_front_matter(content[0], source)
    else:
        front_matter = LoadResult(None)
    document = DocumentData(source, front_matter)
    if front_matter.data is not None:
        if has_strategy_data(front_matter.data.value):
            document.page = _checked(front_matter)
            # The data is ours now: MyST need not parse it again, nor turn it
            # into page metadata (as JSON strings).  Sphinx's own keys stay.
            content[0] = blank_top_level_keys(
                content[0], front_matter.data, STRATEGY_KEYS
            )
        else:
            # A misspelt strategy key is a mistake on any page; the rest is
            # kept for a directive to report, as a page without strategy data
            # may have any front matter.
            problems = validate(front_matter.data)
            report([p for p in problems if p.subtype == "unknown_key"], source)
            front_matter.problems += [p for p in problems if p.subtype != "unknown_key"]
    env.current_document[_CURRENT] = document


def skip_undecodable(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Leave out documents that are not valid text in the source encoding.

    Sphinx stops the whole build at such a file; this names the file and line
    in a warning instead, and the rest of the site builds.
    """
    encoding = env.settings.get("input_encoding", "utf-8-sig")
    for docname in list(docnames):
        path = env.doc2path(docname)
        try:
            raw = path.read_bytes()
            raw.decode(encoding)
        except OSError:
            continue  # Sphinx reports unreadable files itself
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            warn(
                f"the file is not valid {error.encoding.upper()} (byte "
                f"{raw[error.start]:#04x}); the page is not built",
                str(path),
                line,
                "encoding",
            )
            docnames.remove(docname)
            env.found_docs.discard(docname)


def current(env: BuildEnvironment) -> DocumentData | None:
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
        if document.front_matter.problems:
            report(document.front_matter.problems, document.source)
        else:
            warn(
                "this page has no strategy data (hero, goals, structure, "
                "structures) in its front matter; give it some, or name a "
                "YAML file with the 'data' option",
                source,
                line,
                "no_data",
            )
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
            warn(
                f"{part}: the front matter holds this, but nothing on the page "
                f"shows it; add <ProjectPage /> or the {part} directive",
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
        warn(
            f"data: {option!r} leads outside the source folder; it is not read",
            source,
            line,
            "data",
        )
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
        warn(f"data: file not found: {option!r}", source, line, "data")
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        warn(f"data: {option!r} cannot be read: {error}", source, line, "data")
        return None
    key = str(path)
    markdown = _is_markdown(env, key)
    result = load_front_matter(text, key) if markdown else load_yaml(text, key)
    if result.data is not None:
        return _checked(result)
    report(result.problems, key)
    if not result.problems:
        warn(f"data: {option!r} holds no data", source, line, "no_data")
    return None


def _checked(result: LoadResult) -> StrategyPage:
    assert result.data is not None
    report([*result.problems, *validate(result.data)], result.data.source)
    return normalise(result.data)


def _is_markdown(env: BuildEnvironment, path: str) -> bool:
    suffix = Path(path).suffix
    return env.config.source_suffix.get(suffix) == "markdown"
