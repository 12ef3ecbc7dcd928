"""Decap CMS for the strategy pages: its configuration, generated from
``schema.json`` and the pages (:mod:`.config`), published with the site at
``admin/`` (:mod:`.site`), and the local editing loop of ``make cms`` and
``make preview`` (:mod:`.local`).
"""

from .site import setup_cms

__all__ = ["setup_cms"]
