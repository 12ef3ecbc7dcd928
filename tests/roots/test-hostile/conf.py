extensions = ["myst_parser", "strategy_pages"]
language = "de"
suppress_warnings = ["toc.no_title", "toc.not_included"]
