"""Images as phones make them: in every output, and at a size readers can load.

Editors upload what their phone gives them: JPEG, PNG, WebP, HEIC.  Browsers
show some of these, XeLaTeX only PDF, PNG and JPEG.  :class:`PhotoConverter`
turns the rest into PNG with ImageMagick, for each output that cannot show
them (as ``sphinx.ext.imgconverter`` does, but with the phones' formats, and
leaving SVG to ``sphinxcontrib.rsvgconverter``, which keeps drawings as
vectors).  What no output could show is refused when the page is read
(:func:`check_image`), with one notice; so is a photo too large for a web
page, which is still shown.  Where the PDF cannot take an image after all
(ImageMagick missing or failing), :class:`UnshownImages` leaves it out of
the PDF with a notice, instead of XeLaTeX stopping at it.
"""

from __future__ import annotations

import shutil
import subprocess
from os import PathLike
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.images import ImageConverter
from sphinx.util import logging
from sphinx.util.images import get_image_size, guess_mimetype

from . import messages
from .reporting import warn_once

logger = logging.getLogger(__name__)

#: Formats browsers show as they are, by file suffix.
SHOWN = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}
#: Formats phones and scanners make that only a conversion shows everywhere.
CONVERTED = {
    ".heic": "image/heic",
    ".heif": "image/heif",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".bmp": "image/bmp",
}
#: What browsers show beyond the types Sphinx's HTML builder names.
_BROWSER_TYPES = frozenset({"image/webp", "image/avif"})

#: Above these a photo makes pages slow and the PDF large (about 1 MB, and
#: 2500 pixels on its longer side: more than a full-width picture needs).
MAX_BYTES = 1024 * 1024
MAX_PIXELS = 2500

#: The key of an image node that names its place as editors see it.
WHERE = "strategy_where"


def check_image(where: str, path: str, file: Path, source: str, line: int) -> bool:
    """Whether the image ``file`` (named ``path`` in the data) can be shown;
    a notice where it cannot, or where it is too large to load quickly."""
    suffix = file.suffix.lower()
    if suffix not in SHOWN and suffix not in CONVERTED:
        warn_once(messages.image_format(where, path), source, line, "image_format")
        return False
    if suffix == ".svg":  # a drawing: its pixels are whatever the page needs
        return True
    size = file.stat().st_size
    pixels = get_image_size(file)
    if size > MAX_BYTES or (pixels is not None and max(pixels) > MAX_PIXELS):
        warn_once(
            messages.large_image(where, path, size, pixels, MAX_PIXELS),
            source,
            line,
            "image_size",
        )
    return True


def _mimetypes(node: nodes.image, srcdir: Path) -> list[str]:
    """The types of the image ``node`` offers, the phones' formats too."""
    candidates = node["candidates"]
    if "*" not in candidates:
        return list(candidates)
    suffix = Path(candidates["*"]).suffix.lower()
    known = SHOWN.get(suffix) or CONVERTED.get(suffix)
    guessed = known or guess_mimetype(srcdir / candidates["*"])
    return [guessed] if guessed else []


def _converter() -> str | None:
    """ImageMagick's command: ``magick`` (version 7) or ``convert`` (6)."""
    return shutil.which("magick") or shutil.which("convert")


class PhotoConverter(ImageConverter):
    """PNG, by ImageMagick, from a photo an output cannot show as it is.

    Turned upright as the phone held it (EXIF orientation, which browsers
    follow and XeLaTeX does not), and no larger than a page needs.
    """

    # A list, as Sphinx's base class declares it (and reads it).
    conversion_rules = [  # noqa: RUF012
        (mimetype, "image/png")
        for mimetype in sorted(
            {*CONVERTED.values(), "image/webp", "image/avif", "image/gif"}
        )
    ]

    def match(self, node: nodes.image) -> bool:
        # The builder's class, as Sphinx's own converters ask it (transforms
        # have no builder of their own).
        builder = self.env._builder_cls
        if builder.format == "html" and builder.name != "epub":
            shown = set(builder.supported_image_types) | _BROWSER_TYPES
            if shown & set(self.guess_mimetypes(node)):
                return False
        return super().match(node)

    def guess_mimetypes(self, node: nodes.image) -> list[str]:
        if "?" in node["candidates"]:
            return []
        return _mimetypes(node, self.env.srcdir)

    def is_available(self) -> bool:
        return _converter() is not None

    def convert(self, _from: str | PathLike[str], _to: str | PathLike[str]) -> bool:
        command = _converter()
        if command is None:  # pragma: no cover (is_available said so)
            return False
        geometry = f"{MAX_PIXELS}x{MAX_PIXELS}>"  # only ever smaller
        arguments = [command, f"{_from}[0]", "-auto-orient", "-resize", geometry]
        try:
            subprocess.run(
                [*arguments, str(_to)], capture_output=True, check=True, timeout=120
            )
        except (OSError, subprocess.SubprocessError) as error:
            # UnshownImages names the image where it is; this is the detail.
            logger.info("ImageMagick could not convert %s: %s", _from, error)
            return False
        return True


class UnshownImages(SphinxPostTransform):
    """Leave out of the PDF what it cannot take after the converters, with a
    notice at the image's place: XeLaTeX would stop at it."""

    builders = ("latex",)
    # After the image converters (200), before the print layout (400).
    default_priority = 210

    def run(self, **kwargs: Any) -> None:
        supported = set(self.env._builder_cls.supported_image_types)
        for node in list(self.document.findall(nodes.image)):
            candidates: dict[str, str] = node.get("candidates", {})
            if "?" in candidates or supported & set(_mimetypes(node, self.env.srcdir)):
                continue
            original = self.env.original_image_uri.get(node["uri"], node["uri"])
            where = node.get(WHERE) or original
            warn_once(
                messages.image_not_printed(where, original),
                node.source or self.env.doc2path(self.env.docname, False).as_posix(),
                node.line or 0,
                "image_format",
            )
            node.parent.remove(node)


def setup_photos(app: Sphinx) -> None:
    app.add_post_transform(PhotoConverter)
    app.add_post_transform(UnshownImages)
