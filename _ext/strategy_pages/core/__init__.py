"""Pure Python: no Sphinx, no git.  What the rest of the extension builds on."""
