"""The timeline: the steps of a process, in order, each with its date.

``<ProgressPage />`` („Ergebnisse“) shows it after its hero.  The data is a
list of steps, each with a date (free text), a title and a description::

    timeline:
      - {date: '2015 - 2017', title: …, description: …}

Steps stay in the order written.  A date that reads as one (:mod:`..dates`)
is given to machines too: HTML writes ``<time datetime="2017-06-23">`` around
the words as written (a range: a ``<time>`` for each end).  A date that does
not read as one is shown as written, and editors are told.

In HTML the steps are an ordered list, so that screen readers say how many
there are and which one they are at: each ``<li>`` holds the step's section
(heading, anchor, search entry), its date beside the step on wide screens and
above it on phones.  In print they are a vertical list, each date bold before
its step.  Text, man and Texinfo show each step as a section with its date.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxTranslator

from .. import marknodes, naming
from ..core.wording import ItemWording, PartWording, details
from ..dates import read_date
from ..history import Change, Comparison, SectionWords
from ..marks import Numbers, SectionMarks, section_marks
from ..model import Item, Reader, Section, StrategyPage, item_pairs
from ..naming import KeyPath, describe
from ..registry import Component, register
from ..render import RenderContext, description, item_label, item_nodes, locate
from ..render import section as titled_section
from ..reporting import warn

_ = get_translation("strategy_pages")

#: The class of a step's section, of its date, and of the list of steps.
STEP = "strategy-step"
DATE = "strategy-step__date"
STEPS = "strategy-timeline__steps"


@dataclass(frozen=True)
class StepDate:
    """A step's date as written, with the editors' name of its place."""

    text: str
    where: str
    line: int


@dataclass(frozen=True)
class Step(Item):
    """A step: an item without an image, and its date (None: it has none)."""

    date: StepDate | None = None


@dataclass(frozen=True)
class TimelineMarks:
    """The review marks of a timeline: its steps', and the dates that changed."""

    section: SectionMarks
    #: the date a step had in the base, by its title now, where it differs
    old_dates: dict[str, str] = field(default_factory=dict)


class time(nodes.inline):  # docutils names node classes in lower case
    """A date for machines: ``<time datetime="…">`` in HTML, its words elsewhere."""


@register
class TimelineComponent(Component):
    name = "timeline"
    position = 50
    keys: ClassVar = {"timeline": "Timeline"}
    item_lists: ClassVar = {("timeline",): "Step {number}"}
    section_class = "strategy-timeline"
    item_class = STEP
    option_spec: ClassVar = {"heading": directives.unchanged_required}
    words = SectionWords(
        default_heading="Timeline",
        heading="Heading of the timeline",
        renamed="Step renamed: “{old}” → “{new}”",
        removed="Step removed: “{title}”",
        added="New step: “{title}”",
        moved="Step moved: “{title}” (previously no. {old}, now no. {new})",
    )

    def read(self, reader: Reader) -> Section | None:
        value = reader.root.get("timeline")
        if not isinstance(value, list):
            return None
        steps = reader.items(
            value, ("timeline",), lambda entry, path: _step(reader, entry, path)
        )
        if not steps:
            return None
        return Section("", "", steps, reader.line_of(("timeline",)))

    def render(
        self,
        page: StrategyPage,
        part: Section,
        context: RenderContext,
        options: dict[str, Any],
        content: list[nodes.Node],
    ) -> list[nodes.Node]:
        heading = options.get("heading") or str(_(self.words.default_heading))
        section = titled_section(heading, page.source, part.line, context)
        section["classes"] += [self.section_class, *options.get("class", [])]
        marks: TimelineMarks | None = (
            context.marks.of(self.name) if context.marks else None
        )
        removed = marks.section.removed if marks is not None else {}
        # Body text must come before sub-sections in a docutils section.
        section += content
        section += item_nodes(
            page,
            part.items,
            removed,
            lambda number, step: _step_section(
                page,
                cast(Step, step),
                context,
                item_label(context.docname, self.section_class, number),
                marks,
            ),
        )
        return [section]

    def compare(
        self, comparison: Comparison, old: Section | None, new: Section | None
    ) -> Iterator[Change]:
        if old is not None or new is not None:
            yield from comparison.section(
                old, new, self.words, self.name, _date_changes
            )

    def wording(self, part: Section) -> PartWording:
        # The timeline's heading is not in the data: nothing to compare there.
        return PartWording(
            self.words.default_heading,
            items=tuple(
                ItemWording(
                    step.title, step.description, details(("Date", _date_text(step)))
                )
                for step in part.items
            ),
        )

    def marks(
        self, old: Section | None, new: Section, numbers: Numbers
    ) -> TimelineMarks:
        return TimelineMarks(
            section_marks(old, new, numbers),
            {
                after.title: _date_text(before)
                for before, after in item_pairs(old, new)
                if _date_text(before)
                and _date_text(before).split() != _date_text(after).split()
            },
        )


def _step(reader: Reader, value: Any, path: KeyPath) -> Step | None:
    item = reader.item(value, path)
    if item is None:
        return None
    date_path = (*path, "date")
    text = reader.text(value, "date")
    return Step(
        item.title,
        item.description,
        None,  # a step has no image (schema.json)
        item.where,
        item.line,
        StepDate(text, describe(date_path, reader.root), reader.line_of(date_path))
        if text
        else None,
    )


def _date_text(item: Item) -> str:
    date = item.date if isinstance(item, Step) else None
    return date.text if date is not None else ""


def _date_changes(
    comparison: Comparison, before: Item, after: Item
) -> Iterator[Change]:
    """A step's date."""
    yield from comparison.value(
        "date",
        comparison._("Date of “{title}” changed: {old} → {new}"),
        _date_text(before),
        _date_text(after),
        part=TimelineComponent.name,
        item=after.title,
    )


def _step_section(
    page: StrategyPage,
    step: Step,
    context: RenderContext,
    label: str,
    marks: TimelineMarks | None,
) -> nodes.section:
    section = titled_section(
        step.title, page.source, step.line, context, "strategy-step__title", label
    )
    section["classes"].append(STEP)
    item_marks = marks.section.items.get(step.title) if marks is not None else None
    marknodes.mark_item(section, section, item_marks)
    if step.date is not None:
        section += date_paragraph(step.date, page.source)
    old_date = marks.old_dates.get(step.title) if marks is not None else None
    if old_date:
        section += marknodes.was(old_date)
    section += description(
        step.description,
        item_marks.text if item_marks is not None else None,
        page.source,
        step.line,
        step.where,
    )
    return section


def date_paragraph(date: StepDate, source: str) -> nodes.paragraph:
    """The date as written; each date in it for machines too, where it reads as one."""
    paragraph = nodes.paragraph(classes=[DATE])
    locate(paragraph, source, date.line)
    moments = read_date(date.text)
    if moments is None:
        warn(unreadable_date(date.where, date.text), source, date.line, "date")
        paragraph += nodes.Text(date.text)
        return paragraph
    position = 0
    for moment in moments:
        if moment.start > position:
            paragraph += nodes.Text(date.text[position : moment.start])
        words = date.text[moment.start : moment.end]
        paragraph += time(words, words, datetime=moment.iso)
        position = moment.end
    if position < len(date.text):
        paragraph += nodes.Text(date.text[position:])
    return paragraph


def unreadable_date(where: str, text: str) -> str:
    return str(
        _(
            "{where}: {date} does not read as a date; it is shown as written, "
            "without a date for machines (search engines, calendars). Dates "
            "read like 23.06.2017, 22. Februar 2019, März 2018, Sommer 2019, "
            "2019 or 2015 - 2017"
        )
    ).format(where=where, date=naming.quoted(text))


# Each builder's layout of the steps, after the references are resolved.


def _timelines(document: nodes.document) -> list[nodes.section]:
    return [
        section
        for section in document.findall(nodes.section)
        if TimelineComponent.section_class in section["classes"]
    ]


def _steps(timeline: nodes.section) -> list[tuple[nodes.section, list[nodes.Node]]]:
    """Each step, with the steps a review marks removed right after it: they
    go with it into the list (a removed step takes no number)."""
    found: list[tuple[nodes.section, list[nodes.Node]]] = []
    for child in timeline.children:
        if isinstance(child, nodes.section) and STEP in child["classes"]:
            found.append((child, []))
        elif (
            found
            and isinstance(child, nodes.Element)
            and marknodes.REMOVED in child["classes"]
        ):
            found[-1][1].append(child)
    return found


class StepsAsList(SphinxPostTransform):
    """HTML: the steps as an ordered list, each list item holding a step."""

    formats = ("html",)
    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        for timeline in _timelines(self.document):
            steps = _steps(timeline)
            if not steps:
                continue
            ordered = nodes.enumerated_list(
                classes=[STEPS], enumtype="arabic", prefix="", suffix="."
            )
            timeline.insert(timeline.index(steps[0][0]), ordered)
            for step, removed in steps:
                for node in (step, *removed):
                    timeline.remove(node)
                ordered += nodes.list_item(
                    "", step, *removed, classes=["strategy-timeline__step"]
                )


class StepsInPrint(SphinxPostTransform):
    """LaTeX: the steps as a vertical list, each date bold before its step.

    A definition list: the date is the term (with the step's anchors), the
    title and the text its definition.  A step without a date is termed by its
    title.
    """

    builders = ("latex",)
    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        for timeline in _timelines(self.document):
            steps = _steps(timeline)
            if not steps:
                continue
            listed = nodes.definition_list(classes=[STEPS])
            timeline.insert(timeline.index(steps[0][0]), listed)
            for step, removed in steps:
                for node in (step, *removed):
                    timeline.remove(node)
                listed += _definition(step, removed)


def _definition(
    step: nodes.section, removed: list[nodes.Node]
) -> nodes.definition_list_item:
    title, *rest = step.children
    date = next(
        (n for n in rest if isinstance(n, nodes.paragraph) and DATE in n["classes"]),
        None,
    )
    term = nodes.term(ids=step["ids"])
    definition = nodes.definition()
    if date is None:
        term += title.children
    else:
        rest.remove(date)
        term += date.children
        heading = nodes.paragraph()
        heading += nodes.strong("", "", *title.children)
        definition += heading
    definition += rest
    definition += removed
    return nodes.definition_list_item("", term, definition)


def _visit_time_html(self: SphinxTranslator, node: time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))  # type: ignore[attr-defined]


def _depart_time_html(self: SphinxTranslator, node: time) -> None:
    self.body.append("</time>")  # type: ignore[attr-defined]


def _words_only(self: SphinxTranslator, node: time) -> None:
    """Other builders write the date's words (its text children) alone."""


def setup_timeline(app: Sphinx) -> None:
    words_only = (_words_only, _words_only)
    app.add_node(
        time,
        html=(_visit_time_html, _depart_time_html),
        latex=words_only,
        text=words_only,
        man=words_only,
        texinfo=words_only,
    )
    app.add_post_transform(StepsAsList)
    app.add_post_transform(StepsInPrint)
