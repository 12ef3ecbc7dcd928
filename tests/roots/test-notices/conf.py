extensions = ["myst_parser", "strategy_pages"]
language = "de"
project = "Hinweise für die Redaktion"
root_doc = "projekt"
