"""The page types of the CMS: the tag each writes as its body, and its parts."""

from __future__ import annotations

from ..core.vocabulary import PageType, register_page_type

register_page_type(
    PageType("ProjectPage", "project-page", ("hero", "goals", "formats"))
)
register_page_type(PageType("ProgressPage", "progress-page", ("hero", "timeline")))
register_page_type(
    PageType("ContributePage", "contribute-page", ("hero", "working-groups"))
)
register_page_type(
    PageType(
        "LandingPage",
        "landing-page",
        ("hero", "highlights", "sponsors", "call-to-action"),
    )
)
