extensions = ["myst_parser", "strategy_pages", "sphinxcontrib.rsvgconverter"]
language = "de"
project = "Probe Arbeitsgruppen"
author = "Beispielverein"
copyright = "Beispielverein"
version = release = "1.0"
latex_engine = "xelatex"
latex_documents = [("index", "arbeitsgruppen.tex", project, author, "manual")]
