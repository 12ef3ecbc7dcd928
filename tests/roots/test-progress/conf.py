extensions = ["myst_parser", "strategy_pages", "sphinxcontrib.rsvgconverter"]
language = "de"
project = "Probe Zeitleiste"
author = "Beispielverein"
copyright = "Beispielverein"
version = release = "1.0"
latex_engine = "xelatex"
latex_documents = [("index", "zeitleiste.tex", project, author, "manual")]
