"""A Synopse: the wording of two versions of the strategy side by side.

A council decides amendments on a Synopse: the old wording on the left, the
new on the right, item by item, with every deleted and inserted word marked.
``python -m strategy_pages.synopse v1.0`` (``make synopse BASE=v1.0``) writes
one as HTML and as an A4 landscape PDF.

* :mod:`.model`: the rows of both versions, paired item by item;
* :mod:`.versions`: what each side is (release or draft) and its date;
* :mod:`.marks`: deleted and inserted words, marked in rendered text;
* :mod:`.document`: the directive that sets the whole document;
* :mod:`.writers`: its nodes, written as HTML and as LaTeX;
* :mod:`.sphinxext`: the extension and settings of the generated project;
* :mod:`.cli`: the command, which builds that project.
"""
