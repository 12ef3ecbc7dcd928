extensions = ["myst_parser", "strategy_pages"]
language = "de"
project = "Strategie"
copyright = "Landeshauptstadt Stuttgart"
version = release = "1.0"
strategy_cms_exclude = ["intern.md"]
