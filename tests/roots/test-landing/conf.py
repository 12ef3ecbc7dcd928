extensions = ["myst_parser", "strategy_pages"]
language = "de"
project = "Beispielstadt"
author = "Erfundene Redaktion"
copyright = "Erfundene Redaktion"
version = release = "1.0"
latex_documents = [("index", "beispielstadt.tex", project, author, "manual")]
