"""A rebuild says nothing of a configuration that has not changed.

Furo, the site's HTML theme, registers its configuration value
``pygments_dark_style`` when the HTML builder loads the theme: after Sphinx
has compared the configuration with the one the pickled environment was read
with.  Sphinx then finds the value in the old configuration and not yet in
the new one, and every rebuild of an unchanged site began with "The
configuration has changed (1 option: 'pygments_dark_style')".  Setting the
value in ``conf.py`` does not help (Sphinx compares registered values only),
and furo refuses to be listed in ``extensions``, where it would register in
time.

The report cannot carry news: a value the new configuration does not know
yet is one Sphinx cannot compare, and it re-reads nothing for it.  So, for
as long as Sphinx compares (from ``config-inited`` to ``builder-inited``),
that report is held back where the one option it names is not registered;
a change to any option Sphinx can compare is reported as before.
"""

from __future__ import annotations

import logging

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import __
from sphinx.util import logging as sphinx_logging

#: The logger of ``sphinx.environment``, which compares the configurations.
_ENVIRONMENT_LOGGER = sphinx_logging.getLogger("sphinx.environment").logger
#: Sphinx's report of one changed option, as ``sphinx.environment`` words it.
_ONE_OPTION_CHANGED = "The configuration has changed (1 option: %r)"


class _OptionsNotYetRegistered(logging.Filter):
    """Drops the report of one changed option that ``config`` does not know yet."""

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg) != str(__(_ONE_OPTION_CHANGED)):
            return True
        return all(str(option) in self.config for option in record.args or ())


def _hold_back_reports(app: Sphinx, config: Config) -> None:
    report_filter = _OptionsNotYetRegistered(config)
    _ENVIRONMENT_LOGGER.addFilter(report_filter)

    def release(app: Sphinx) -> None:
        _ENVIRONMENT_LOGGER.removeFilter(report_filter)
        app.disconnect(listener)

    listener = app.connect("builder-inited", release)


def setup_config_report(app: Sphinx) -> None:
    app.connect("config-inited", _hold_back_reports)
