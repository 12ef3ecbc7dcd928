"""``python -m strategy_pages.synopse``: see :mod:`.cli`."""

import sys

from .cli import main

sys.exit(main())
