"""Print layout for the LaTeX builder.

In print, each goal and format shows its illustration small beside its text,
and the hero's image sits beside the hero text.  A post-transform, run for the
LaTeX builder only, wraps the image and the text in a row container; the
package ``strategypages.sty`` lays the row out as two top-aligned minipages,
which keeps a title with its text and never splits an item across pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

STYLE = Path(__file__).parent / "latex" / "strategypages.sty"

#: (container holding the image, container holding the text, image first?)
_ROWS = (
    ("strategy-item__image", "strategy-item__text", True),
    ("strategy-hero__image", "strategy-hero__text", False),
)


class LatexRows(SphinxPostTransform):
    """Put each illustration and its text side by side in one row."""

    builders = ("latex",)
    default_priority = 400

    def run(self, **kwargs: Any) -> None:
        for image_class, text_class, image_first in _ROWS:
            images = [
                n
                for n in self.document.findall(nodes.container)
                if _has(n, image_class)
            ]
            for image in images:
                text = next(
                    (n for n in image.parent.children if _has(n, text_class)), None
                )
                if isinstance(text, nodes.container):
                    _make_row(image, text, image_first)


def _has(node: nodes.Node, css_class: str) -> bool:
    """Whether ``node`` is a container of the given class."""
    return isinstance(node, nodes.container) and css_class in node["classes"]


def _make_row(image: nodes.container, text: nodes.container, image_first: bool) -> None:
    parent = image.parent
    position = min(parent.index(image), parent.index(text))
    parent.remove(image)
    parent.remove(text)
    image["classes"].append("strategy-row__side")
    text["classes"].append("strategy-row__main")
    row = nodes.container(classes=["strategy-row"])
    row += [image, text] if image_first else [text, image]
    parent.insert(position, row)


def add_latex_style(app: Sphinx, config: Config) -> None:
    """Ship the package with every LaTeX build (other builders ignore the value).

    At config-inited, as sphinx.ext.graphviz adds its stylesheet: a value
    changed later differs from the one the environment saved, and each
    incremental build would report a changed configuration.
    """
    config.latex_additional_files = [*config.latex_additional_files, str(STYLE)]
