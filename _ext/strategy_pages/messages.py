"""The wording of every problem the extension reports about the data.

Messages are for editors, not programmers: each names its place as they see
it (:func:`.naming.describe`), says what happens to the content, and how to
fix it.  English is the source language; the catalog ``strategy_pages``
translates to the site's language.  One function a message, so each wording
lives in one place and tests can ask for it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.locale import get_translation

from .naming import FIELDS, KeyPath, describe, item_name, quoted

_ = get_translation("strategy_pages")

#: Characters that YAML reads specially at the start of a plain value.
YAML_INDICATORS = "*&!%@[{>|'\"`"


def translate(message: str) -> str:
    """An English message in the build's language: the ``Translate`` the
    comparison of versions (:mod:`.history`) is given."""
    return str(_(message))


def _t(message: str, **fields: Any) -> str:
    return str(_(message)).format(**fields)


# YAML that cannot be read as written


def at(
    message: Callable[..., str], path: KeyPath, root: Any, *fields: Any
) -> Callable[[], str]:
    """``message`` about the place ``path`` in the data ``root``, worded when
    called, with the place named as editors see it (:func:`.naming.describe`)
    and ``fields``."""
    return lambda: message(describe(path, root), *fields)


def schema_error(where: str, error: str) -> str:
    return f"{where}: {error}"


def quote_fix(lead: str, value: str) -> str:
    """``title: 'Aquise: Gewinnung'``: the line as it reads with quotes.

    ``lead`` is what comes before the value: ``title: `` or ``- ``.
    """
    return f"{lead}'{value.replace(chr(39), chr(39) * 2)}'"


def why_quotes(value: str) -> str:
    """Why ``value`` needs quotes in YAML, for :func:`read_as_text`."""
    if value[:1] in YAML_INDICATORS:
        return _t("the value starts with {char}", char=quoted(value[0]))
    if ": " in value:
        return _t("the value contains {chars}", chars=quoted(": "))
    if " #" in value:
        return _t("the value contains {chars}", chars=quoted(" #"))
    return _t("YAML cannot read the value as written")


def read_as_text(where: str, lead: str, value: str) -> str:
    return _t(
        "{where}: {reason}; it was read as text. Put the value in quotes: {fix}",
        where=where,
        reason=why_quotes(value),
        fix=quote_fix(lead, value),
    )


def unclosed_quote(where: str, quote: str) -> str:
    return _t(
        "{where}: the quotation mark {quote} at the start of the value is not "
        "closed; the value was read up to the end of its line. Close it with "
        "{quote} at the end of the value",
        where=where,
        quote=quote,
    )


def tab_indent(where: str, line: int) -> str:
    return _t(
        "{where}: line {line} is indented with a tab; YAML needs spaces. It was "
        "read as if indented like the lines around it; replace the tab with spaces",
        where=where,
        line=line,
    )


def indentation(where: str, spaces: int) -> str:
    return _t(
        "{where}: the indentation does not match the lines around it; it was "
        "read as if indented by {spaces} spaces, like its neighbours. Indent it "
        "by {spaces} spaces",
        where=where,
        spaces=spaces,
    )


def continuation(where: str, line: int, spaces: int) -> str:
    return _t(
        "{where}: line {line} goes on with the text above, but is indented less "
        "than its key; it was read as part of the text, but the CMS cannot open "
        "the page until it is fixed. Indent the line by {spaces} spaces",
        where=where,
        line=line,
        spaces=spaces,
    )


def comment_cut(where: str, lead: str, value: str) -> str:
    return _t(
        "{where}: everything from {chars} on is a YAML comment and is not shown. "
        "If it belongs to the text, put the value in quotes: {fix}",
        where=where,
        chars=quoted(" #"),
        fix=quote_fix(lead, value),
    )


def no_space(where: str, key: str) -> str:
    return _t(
        "{where}: the space after {key} is missing; it was read as if it were "
        "there. Write a space after the colon",
        where=where,
        key=quoted(f"{key}:"),
    )


def unreadable(where: str, problem: str) -> str:
    return _t(
        "{where}: YAML cannot read this ({problem}); check the indentation and "
        "the quotation marks. This part is not shown",
        where=where,
        problem=problem,
    )


def unreadable_tabs(where: str, line: int) -> str:
    return _t(
        "{where}: line {line} contains a tab, which YAML does not allow here; "
        "use spaces. This part is not shown",
        where=where,
        line=line,
    )


def not_a_key(line: int) -> str:
    return _t(
        "line {line} is neither “key: value” nor a list entry (“- ”); it is not "
        "read. Check its indentation, or remove it",
        line=line,
    )


def too_many_values(budget: int) -> str:
    return _t(
        "the YAML expands to more than {budget} values (aliases nested too "
        "deeply?); the data is not used",
        budget=f"{budget:,}".replace(",", "."),
    )


def too_deep(where: str, limit: int) -> str:
    return _t(
        "{where}: lists and keys are nested more than {limit} levels deep "
        "here; this part is not shown",
        where=where,
        limit=limit,
    )


def recursive_alias(where: str) -> str:
    return _t(
        "{where}: an alias (*name) stands inside the value its anchor (&name) "
        "names, so the value would never end; this part is not shown",
        where=where,
    )


def control_characters(where: str, names: list[str]) -> str:
    return _t(
        "{where}: the text holds invisible control characters ({names}); "
        "they were removed",
        where=where,
        names=", ".join(names),
    )


def duplicate_key(path: KeyPath, first: int) -> str:
    return _t(
        "{where} appears twice (also on line {line}); the last one is used",
        where=describe(path),
        line=first,
    )


# Data that does not fit the schema


def near_miss(path: KeyPath, root: Any, known: str) -> str:
    label = str(_(FIELDS[known])) if known in FIELDS else describe((known,))
    return _t(
        "{where}: unknown key, read as {known} ({label}). Correct it to {known}",
        where=describe(path, root),
        known=quoted(known),
        label=label,
    )


def unknown_key(path: KeyPath, root: Any, close: str | None, known: list[str]) -> str:
    where = describe(path, root)
    if close is not None:
        return _t(
            "{where}: unknown key; did you mean {close}? That key is there "
            "already, so this one is not shown",
            where=where,
            close=quoted(close),
        )
    return _t(
        "{where}: unknown key; it is not shown. Known keys: {known}",
        where=where,
        known=", ".join(known),
    )


def missing_title(path: KeyPath, root: Any) -> str:
    return _t(
        "{where}: the title is missing; {instead}",
        where=describe(path, root),
        instead=_stand_in(path),
    )


def blank_title(path: KeyPath, root: Any) -> str:
    return _t(
        "{where}: the title is empty; {instead}",
        where=describe(path, root),
        instead=_stand_in(path),
    )


def _stand_in(path: KeyPath) -> str:
    """What stands where the title of ``path`` is missing."""
    if path and isinstance(path[-1], int):
        name = item_name(path[:-1], path[-1])
        return _t("until it is given, the heading reads {name}", name=quoted(name))
    if path == ("hero",):
        return _t("until it is given, the page is titled after its file name")
    return _t("until it is given, the default heading is shown")


def missing_key(path: KeyPath, root: Any, key: str) -> str:
    return _t(
        "{where}: {key} is missing, so this part is not shown",
        where=describe(path, root),
        key=quoted(key),
    )


def blank(path: KeyPath, root: Any) -> str:
    return _t(
        "{where}: is empty and is not shown; fill it in, or remove it",
        where=describe(path, root),
    )


#: What a value must be, by its JSON Schema type.
_KINDS: dict[str, str] = {
    "object": "keys with values (key: value)",
    "array": "a list (lines starting with “- ”)",
    "string": "text",
}


def wrong_type(path: KeyPath, root: Any, wanted: list[str], value: Any) -> str:
    return _t(
        "{where}: must be {wanted}, not {kind}; it is not shown",
        where=describe(path, root),
        wanted=str(_(" or ")).join(str(_(_KINDS[name])) for name in wanted),
        kind=kind(value),
    )


def not_mapping(value: Any) -> str:
    return _t(
        "the data must be keys with values (key: value), not {kind}",
        kind=kind(value),
    )


def kind(value: Any) -> str:
    """What ``value`` is, in the editor's words."""
    if value is None:
        return str(_("empty"))
    if isinstance(value, dict):
        return str(_("keys with values"))
    if isinstance(value, list):
        return str(_("a list"))
    text = str(value)
    return _t(
        "the text {text}", text=quoted(text if len(text) <= 40 else text[:39] + "…")
    )


# Rendering: images, links, titles


def remote_image(where: str, path: str) -> str:
    return _t(
        "{where}: images from other sites are not loaded ({path}); put the file "
        "into the image folder and give its path",
        where=where,
        path=path,
    )


def image_outside(where: str, path: str) -> str:
    return _t(
        "{where}: the image path {path} leads outside the source folder; the "
        "image is not shown",
        where=where,
        path=quoted(path),
    )


def image_not_found(where: str, path: str, looked_for: str) -> str:
    return _t(
        "{where}: image file not found: {path} (looked for {looked_for} in the "
        "source folder); the image is not shown",
        where=where,
        path=quoted(path),
        looked_for=looked_for,
    )


def image_format(where: str, path: str) -> str:
    return _t(
        "{where}: {path} is in a file format that neither browsers nor the PDF "
        "can show; the image is not shown. Save it as JPEG (photos), PNG or SVG "
        "(drawings) and give that file",
        where=where,
        path=quoted(path),
    )


def image_not_printed(where: str, path: str) -> str:
    return _t(
        "{where}: the image {path} could not be converted for the PDF "
        "(ImageMagick missing, or the file is damaged); it is left out of the "
        "PDF. Save it as JPEG or PNG and give that file",
        where=where,
        path=quoted(path),
    )


def large_image(
    where: str, path: str, size: int, pixels: tuple[int, int] | None, limit: int
) -> str:
    tenths = round(size / 10**5)
    megabytes = _t("{units}.{tenths} MB", units=tenths // 10, tenths=tenths % 10)
    details = (
        _t(
            "{size}, {width} × {height} pixels",  # noqa: RUF001 (the sign meant)
            size=megabytes,
            width=pixels[0],
            height=pixels[1],
        )
        if pixels is not None
        else megabytes
    )
    return _t(
        "{where}: the image {path} is large ({details}): the page loads slowly "
        "and the PDF grows. Save it at most {limit} pixels wide and high and "
        "about 1 MB, then upload it again",
        where=where,
        path=quoted(path),
        details=details,
        limit=limit,
    )


def unsafe_link(where: str, url: str) -> str:
    return _t(
        "{where}: links may use http, https or mailto, not {url}; the text is "
        "shown without the link",
        where=where,
        url=quoted(url),
    )


def link_without_scheme(where: str, url: str, whole: str) -> str:
    return _t(
        "{where}: {url} lacks its beginning (such as https://), so browsers "
        "would look for the address on this site; the text is shown without "
        "the link. Write the whole address: {whole}",
        where=where,
        url=quoted(url),
        whole=whole,
    )


def heading_in_description(where: str, heading: str) -> str:
    return _t(
        "{where}: {heading} is written as a heading, which a description "
        "cannot have; it is shown as bold text. Remove the {hashes} at the "
        "start of the line, or make it an item of its own",
        where=where,
        heading=quoted(heading),
        hashes=quoted("#"),
    )


def image_in_description(where: str, path: str) -> str:
    return _t(
        "{where}: the image {path} inside the text is not shown; give it in "
        "the image field instead",
        where=where,
        path=quoted(path),
    )


def missing_page(where: str, url: str) -> str:
    return _t(
        "{where}: the site has no page at {url}; the text is shown without the "
        "link. Give the address of a page of the site (“/” is the front page), "
        "or a whole address starting with https:",
        where=where,
        url=quoted(url),
    )


def duplicate_title(where: str, title: str, line: int) -> str:
    return _t(
        "{where}: the title {title} is used twice in this section (also on line "
        "{line}); both are shown",
        where=where,
        title=quoted(title),
        line=line,
    )


# Where the data comes from


def not_utf8(encoding: str, byte: int) -> str:
    return _t(
        "the file is not valid {encoding} (byte {byte:#04x}); the characters "
        "that cannot be read are shown as �. Save the file as {encoding}",
        encoding=encoding,
        byte=byte,
    )


def no_data(keys: list[str]) -> str:
    return _t(
        "this page has no strategy data ({keys}) in its front matter; give it "
        "some, or name a YAML file with the “data” option",
        keys=", ".join(keys),
    )


def unused(label: str, directive: str, tag: str = "ProjectPage") -> str:
    """``label``: the editors' name of the part, as :func:`describe` words it;
    ``tag``: that of a page type that shows the part."""
    return _t(
        "{where}: the front matter holds this, but nothing on the page shows it; "
        "add {tag} or the {directive} directive",
        where=label,
        tag=f"<{tag} />",
        directive=directive,
    )


def part_missing(directive: str, label: str) -> str:
    return _t("{directive}: the data has no {part}", directive=directive, part=label)


def unknown_page_tag(tag: str, known: list[str]) -> str:
    return _t(
        "the page's body {tag} names no page type this site knows; only the "
        "hero is shown. Known: {known}",
        tag=quoted(f"<{tag} />"),
        known=", ".join(f"<{name} />" for name in known),
    )


def data_outside(option: str) -> str:
    return _t(
        "data: {option} leads outside the source folder; it is not read",
        option=quoted(option),
    )


def data_not_found(option: str) -> str:
    return _t("data: file not found: {option}", option=quoted(option))


def data_unreadable(option: str, error: str) -> str:
    return _t(
        "data: {option} cannot be read: {error}", option=quoted(option), error=error
    )


def data_empty(option: str) -> str:
    return _t("data: {option} holds no data", option=quoted(option))


# The CMS, where it cannot read a page


def cms_unreadable() -> str:
    return _t(
        "The CMS cannot read this page's data, so it does not save the page: it "
        "would overwrite what it cannot show. Correct the file as described, "
        "then reload this page."
    )


def at_line(line: int | str, message: str) -> str:
    """A notice for editors (in the CMS, on a preview page): the field as the
    CMS names it first, the line, which the CMS does not show, as a detail
    for whoever opens the file."""
    return str(_("{message} (line {line} of the file)")).format(
        line=line, message=message
    )


def cms_yaml_error() -> str:
    return _t(
        "YAML cannot read this; check the indentation and the quotation marks "
        "(a text with a colon in it needs quotation marks around it)"
    )
