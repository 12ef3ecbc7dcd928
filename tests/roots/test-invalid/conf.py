extensions = ["myst_parser", "strategy_pages"]
language = "de"
# The pages with errors have no title of their own; only the extension's
# warnings matter here.
suppress_warnings = ["toc.no_title"]
