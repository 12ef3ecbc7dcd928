extensions = ["myst_parser", "strategy_pages"]
language = "de"
