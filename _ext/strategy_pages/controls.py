"""Characters that no output can carry, taken out of the data.

A control character (C0 but tab and line feed, DEL, C1) is invisible on the
page, cannot stand in XML (EPUB's XHTML and NCX) and stops XeLaTeX; a browser
strips it from the start of a link and so reads another address than the one
checked.  U+2028, U+2029 and U+0085 are line breaks to YAML but not to the
line numbers editors see; surrogates and U+FFFE/U+FFFF cannot be written as
UTF-8 or XML.  All of them are dropped, with a warning, so what the site
shows is what was checked.
"""

from __future__ import annotations

import re
from typing import Any

#: The characters dropped from the data.
CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]"
)


def names(text: str) -> list[str]:
    """The control characters in ``text``, each once, as U+ code points."""
    return list(dict.fromkeys(f"U+{ord(char):04X}" for char in CONTROL.findall(text)))


def without(text: str) -> str:
    return CONTROL.sub("", text)


def lines_with_controls(text: str) -> dict[int, list[str]]:
    """The lines of ``text`` (from 0) that hold control characters, and those."""
    return {
        number: names(line)
        for number, line in enumerate(text.split("\n"))
        if CONTROL.search(line)
    }


def cleaned(
    value: Any, found: dict[tuple[Any, ...], list[str]], path: tuple[Any, ...] = ()
) -> Any:
    """``value`` (YAML's text, lists and mappings) without control characters;
    ``found`` gets the places of those taken out, and which they were."""
    if isinstance(value, str):
        if CONTROL.search(value):
            found[path] = names(value)
            return without(value)
        return value
    if isinstance(value, list):
        return [
            cleaned(item, found, (*path, index)) for index, item in enumerate(value)
        ]
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if isinstance(key, str) and CONTROL.search(key):
                found[(*path, without(key))] = names(key)
                key = without(key)
            result[key] = cleaned(item, found, (*path, key))
        return result
    return value
