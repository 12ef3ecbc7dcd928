"""The working groups: side by side, each with its text and, where the data
gives a contact, a „Mitmachen“ link.

``<ContributePage />`` („Mitmachen“) shows them after its hero::

    workingGroups:
      - {title: …, name: ag-angebote, description: …, email: …, url: …}

``name`` is the group's anchor (``#ag-angebote``) whatever its title, so that
a link to a group outlives a new title; without a usable name the anchor is
made from the title.  A „Mitmachen“ link appears only where the data gives a
contact, ``email`` (a ``mailto:`` link) or ``url`` (checked as the hero's
link is): the prototype's button that did nothing has no successor.  In
print, where a link cannot be followed, its address stands beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import marknodes, naming
from ..core.wording import Detail, PartWording, details
from ..history import Change, Comparison, SectionWords
from ..marks import SectionMarks
from ..model import Item, Link, Reader, Section, StrategyPage
from ..naming import KeyPath, describe
from ..registry import register
from ..render import (
    RenderContext,
    description,
    item_label,
    item_nodes,
    link_paragraph,
    locate,
)
from ..render import section as titled_section
from ..reporting import warn
from .itemlist import ItemList

_ = get_translation("strategy_pages")

#: The class of a group's section, and of the paragraph with its contact.
GROUP = "strategy-working-group"
CONTACT = "strategy-working-group__contact"

#: An e-mail address as editors give one; nothing that could add to a
#: ``mailto:`` link (``?subject=``) or break out of it.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Located:
    """A value of the data, with the editors' name of its place and its line."""

    text: str
    where: str
    line: int


@dataclass(frozen=True)
class WorkingGroup(Item):
    """A working group: an item without an image, its name and its contact."""

    name: Located | None = None
    email: Located | None = None
    url: Located | None = None


@register
class WorkingGroupsComponent(ItemList):
    name = "working-groups"
    position = 60
    keys: ClassVar = {"workingGroups": "Working groups"}
    item_lists: ClassVar = {("workingGroups",): "Working group {number}"}
    section_class = "strategy-working-groups"
    item_class = GROUP
    words = SectionWords(
        default_heading="Working groups",
        heading="Heading of the working groups",
        renamed="Working group renamed: “{old}” → “{new}”",
        removed="Working group removed: “{title}”",
        added="New working group: “{title}”",
        moved="Working group moved: “{title}” (previously no. {old}, now no. {new})",
    )

    def read(self, reader: Reader) -> Section | None:
        value = reader.root.get("workingGroups")
        if not isinstance(value, list):
            return None
        groups = reader.items(
            value, ("workingGroups",), lambda entry, path: _group(reader, entry, path)
        )
        if not groups:
            return None
        return Section("", "", groups, reader.line_of(("workingGroups",)))

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
        marks: SectionMarks | None = (
            context.marks.of(self.name) if context.marks else None
        )
        removed = marks.removed if marks is not None else {}
        # Body text must come before sub-sections in a docutils section.
        section += content
        section += item_nodes(
            page,
            part.items,
            removed,
            lambda number, group: _group_section(
                page,
                cast(WorkingGroup, group),
                context,
                item_label(context.docname, self.section_class, number),
                marks,
            ),
        )
        return [section]

    def wording(self, part: Section) -> PartWording:
        # The heading is not in the data: only the groups are compared.
        found = super().wording(part)
        return PartWording(found.heading, items=found.items)

    def item_details(self, item: Item) -> tuple[Detail, ...]:
        return details(("Short name", _text(item, "name")), ("Contact", _contact(item)))

    def item_changes(
        self, comparison: Comparison, before: Item, after: Item
    ) -> Iterator[Change]:
        """A group's short name and contact."""
        _ = comparison._
        yield from comparison.value(
            "name",
            _("Short name (anchor) of “{title}” changed: {old} → {new}"),
            _text(before, "name"),
            _text(after, "name"),
            part=self.name,
            item=after.title,
        )
        old_contact, new_contact = _contact(before), _contact(after)
        if old_contact != new_contact:
            yield comparison.change(
                "link",
                _("Contact of “{title}” changed: {old} → {new}").format(
                    title=after.title,
                    old=old_contact or _("none"),
                    new=new_contact or _("none"),
                ),
                part=self.name,
                item=after.title,
            )


def _group(reader: Reader, value: Any, path: KeyPath) -> WorkingGroup | None:
    item = reader.item(value, path)
    if item is None:
        return None

    def located(key: str) -> Located | None:
        text = reader.text(value, key)
        if not text:  # the CMS made every field required: ' ' is none
            return None
        return Located(
            text, describe((*path, key), reader.root), reader.line_of((*path, key))
        )

    return WorkingGroup(
        item.title,
        item.description,
        None,  # a working group has no image (schema.json)
        item.where,
        item.line,
        located("name"),
        located("email"),
        located("url"),
    )


def _text(item: Item, key: str) -> str:
    value = getattr(item, key, None) if isinstance(item, WorkingGroup) else None
    return value.text if isinstance(value, Located) else ""


def _contact(item: Item) -> str:
    return ", ".join(text for key in ("email", "url") if (text := _text(item, key)))


def _group_section(
    page: StrategyPage,
    group: WorkingGroup,
    context: RenderContext,
    label: str,
    marks: SectionMarks | None,
) -> nodes.section:
    anchor = _anchor(group, page.source)
    section = titled_section(
        group.title,
        page.source,
        group.line,
        context,
        "strategy-working-group__title",
        label,
        anchor=anchor,
    )
    if group.name is not None and anchor and section["ids"][0] != anchor:
        warn(
            anchor_taken(group.name.where, anchor, section["ids"][0]),
            page.source,
            group.name.line,
            "name",
        )
    section["classes"].append(GROUP)
    item_marks = marks.items.get(group.title) if marks is not None else None
    marknodes.mark_item(section, section, item_marks)
    section += description(
        group.description,
        item_marks.text if item_marks is not None else None,
        page.source,
        group.line,
        group.where,
    )
    section += contact(group, page.source)
    return section


def _anchor(group: WorkingGroup, source: str) -> str:
    """The group's name where it can be an anchor as written; else ''."""
    name = group.name
    if name is None:
        return ""
    if nodes.make_id(name.text) == name.text:
        return name.text
    warn(
        unusable_name(name.where, name.text, nodes.make_id(name.text)),
        source,
        name.line,
        "name",
    )
    return ""


def contact(group: WorkingGroup, source: str) -> list[nodes.Node]:
    """„Mitmachen“, linking to the group's address or e-mail; nothing without.

    With both, „Mitmachen“ links to the address and the e-mail address
    follows as a link of its own.
    """
    paragraph = nodes.paragraph(classes=[CONTACT])
    locate(paragraph, source, group.line)
    join_in = str(_("Join in"))
    if group.url is not None:
        url = group.url
        # The hero link's policy: a site path, or http, https or mailto.
        checked = link_paragraph(Link(join_in, url.text, url.where, url.line), source)
        link = checked.children[0]
        if not isinstance(link, nodes.Text):  # else unsafe, and reported
            checked.remove(link)
            paragraph += link
    if group.email is not None:
        email = group.email
        address = email.text.removeprefix("mailto:")
        if not _EMAIL.fullmatch(address):
            warn(not_an_email(email.where, email.text), source, email.line, "link")
        elif paragraph.children:
            paragraph += nodes.Text(" ")
            paragraph += nodes.reference(address, address, refuri=f"mailto:{address}")
        else:
            paragraph += nodes.reference(join_in, join_in, refuri=f"mailto:{address}")
    return [paragraph] if paragraph.children else []


def unusable_name(where: str, name: str, suggestion: str) -> str:
    if suggestion:
        return str(
            _(
                "{where}: {name} cannot be the group's anchor in the page "
                "address; the anchor is made from the title. Write it in "
                "lower-case letters, digits and hyphens, starting with a "
                "letter: {suggestion}"
            )
        ).format(
            where=where, name=naming.quoted(name), suggestion=naming.quoted(suggestion)
        )
    return str(
        _(
            "{where}: {name} cannot be the group's anchor in the page address; "
            "the anchor is made from the title. Write it in lower-case letters, "
            "digits and hyphens, starting with a letter"
        )
    ).format(where=where, name=naming.quoted(name))


def anchor_taken(where: str, name: str, anchor: str) -> str:
    return str(
        _(
            "{where}: the anchor {name} is used on this page already; this "
            "group's anchor is {anchor}. Give the group a short name of its own"
        )
    ).format(where=where, name=naming.quoted(name), anchor=naming.quoted(anchor))


def not_an_email(where: str, text: str) -> str:
    return str(
        _(
            "{where}: {text} is not an e-mail address; the group is shown "
            "without it. Write it like ag@example.org"
        )
    ).format(where=where, text=naming.quoted(text))


class ContactAddresses(SphinxPostTransform):
    """Print and plain text: the address beside „Mitmachen“, which cannot be
    followed on paper.  (Man pages and Texinfo show addresses themselves.)"""

    formats = ("latex", "text")
    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if CONTACT not in paragraph["classes"]:
                continue
            for reference in list(paragraph.findall(nodes.reference)):
                address = reference.get("refuri", "").removeprefix("mailto:")
                if re.match(r"(https?:|[^:/]+@)", address) and (
                    reference.astext() != address
                ):
                    parent = reference.parent
                    parent.insert(
                        parent.index(reference) + 1, nodes.Text(f" ({address})")
                    )


def setup_working_groups(app: Sphinx) -> None:
    app.add_post_transform(ContactAddresses)
