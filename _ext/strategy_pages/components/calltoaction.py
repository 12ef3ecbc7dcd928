"""The call to action: the closing block of the landing page, with its button.

The CMS writes it under ``callToAction``: a title (the block's heading), a
subtitle, a description (Markdown), an image beside the text and a link,
shown as a button (often to a page of the site: ``/mitmachen``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from sphinx.locale import get_translation

from .. import marknodes
from ..core.textdiff import WordDiff
from ..core.wording import PartWording
from ..history import Change, Comparison
from ..marks import Numbers, hero_marks
from ..model import Hero, Reader, StrategyPage
from ..registry import Component, register
from ..render import RenderContext, description, illustrate, link_paragraph, subtitle
from ..render import section as titled_section
from .hero import hero_fields

_ = get_translation("strategy_pages")


@dataclass(frozen=True)
class CallToAction(Hero):
    """The call to action: what a hero has, a title to a link; its title may
    be empty (the heading is then the part's name)."""


@dataclass(frozen=True)
class CallToActionMarks:
    #: the review base has no call to action
    new: bool = False
    old_title: str = ""
    introduction: WordDiff | None = None
    numbers: tuple[int, ...] = ()


@register
class CallToActionComponent(Component):
    name = "call-to-action"
    position = 130
    keys: ClassVar = {"callToAction": "Call to action"}
    section_class = "strategy-call-to-action"

    def read(self, reader: Reader) -> CallToAction | None:
        data = reader.root.get("callToAction")
        if not isinstance(data, dict):
            return None
        path = ("callToAction",)
        return CallToAction(
            title=reader.text(data, "title"),
            # The CMS made every field required; editors typed ' ' for "none".
            subtitle=reader.text(data, "subtitle"),
            description=reader.text(data, "description"),
            image=reader.image(data, path),
            link=reader.link(data, path),
            line=reader.line_of(path),
        )

    def render(
        self,
        page: StrategyPage,
        part: CallToAction,
        context: RenderContext,
        options: dict[str, Any],
        content: list[nodes.Node],
    ) -> list[nodes.Node]:
        title = part.title or str(_(self.label))
        section = titled_section(title, page.source, part.line, context)
        section["classes"] += [self.section_class, *options.get("class", [])]
        marks: CallToActionMarks | None = (
            context.marks.of(self.name) if context.marks else None
        )
        text = nodes.container(
            classes=["strategy-item__text", "strategy-call-to-action__text"]
        )
        if marks is not None:
            text += marknodes.numbered(marks.numbers)
        if marks is not None and marks.new:
            section["classes"].append("strategy-review--new")
            text += marknodes.new_item()
        if marks is not None and marks.old_title:
            text += marknodes.was(marks.old_title)
        text += subtitle(part.subtitle, None, page.source, part.line)
        text += description(
            part.description,
            marks.introduction if marks else None,
            page.source,
            part.line,
        )
        if part.link is not None:
            text += link_paragraph(
                part.link, page.source, "strategy-call-to-action__link"
            )
        body = nodes.container(classes=["strategy-call-to-action__body"])
        body += text
        illustrate(body, part.image, page.source, context, "strategy-item__image")
        section += body
        section += content
        return [section]

    def compare(
        self,
        comparison: Comparison,
        old: CallToAction | None,
        new: CallToAction | None,
    ) -> Iterator[Change]:
        _ = comparison._
        yield from comparison.heading(
            _("Title of the call to action"),
            old.title if old else "",
            new.title if new else "",
            part=self.name,
        )
        yield from comparison.heading(
            _("Subtitle of the call to action"),
            old.subtitle if old else "",
            new.subtitle if new else "",
            part=self.name,
        )
        yield from comparison.text(
            _("Text of the call to action changed:"),
            old.description if old else "",
            new.description if new else "",
            part=self.name,
        )
        yield from comparison.image(
            _("Image of the call to action changed"), old, new, part=self.name
        )
        yield from comparison.link(
            _("Link of the call to action changed: {old} → {new}"),
            old.link if old else None,
            new.link if new else None,
            part=self.name,
        )

    def marks(
        self, old: CallToAction | None, new: CallToAction, numbers: Numbers
    ) -> CallToActionMarks:
        if old is None:
            return CallToActionMarks(new=True, numbers=numbers.of())
        found = hero_marks(old, new, numbers)
        return CallToActionMarks(
            False, found.old_title, found.introduction, found.numbers
        )

    def wording(self, part: CallToAction) -> PartWording:
        return PartWording(self.label, hero_fields(part, "Text"))
