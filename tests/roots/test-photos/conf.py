extensions = ["myst_parser", "strategy_pages", "sphinxcontrib.rsvgconverter"]
language = "de"
project = "Strategie Fotoprobe"
author = "Landeshauptstadt Stuttgart"
root_doc = "projekt"
latex_engine = "xelatex"
latex_documents = [("projekt", "fotoprobe.tex", project, author, "manual")]
