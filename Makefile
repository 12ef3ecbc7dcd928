# Minimal makefile for Sphinx documentation, after sphinx-quickstart's, with a
# local virtual environment that the first run creates.
#
#   make html            build the site into $(BUILDDIR)/html
#   make test            run the test suite (the software, whatever docs/ holds)
#   make check           the content: a fresh build of docs/ that fails on any
#                        warning, such as an editor's slip the build had to mend
#   make diff BASE=v1.0  what the work tree changes in the strategy, as text
#                        (FORMAT=markdown: for a pull request)
#   make synopse BASE=v1.0  old and new wording side by side, HTML and PDF,
#                        in $(BUILDDIR)/synopse
#   make cms             edit in the CMS on this computer, with a live preview
#                        (CMS http://127.0.0.1:8080/admin/, preview :8000)
#   make preview         the live preview alone: rebuilt and reloaded on every save
#   make bench           benchmark against hand-written pages (not part of test)
#   make latexpdf        the publication as PDF: the strategy, its history, the
#                        imprint (make epub: as EPUB); without the maintainers' pages
#   make <builder>       as with any Sphinx project
#
# Variables as in Sphinx's makefile: SPHINXOPTS, SPHINXBUILD, SOURCEDIR, BUILDDIR.

VENV          ?= .venv
PYTHON        ?= python3
SPHINXOPTS    ?=
SPHINXBUILD   ?= $(VENV)/bin/sphinx-build
SOURCEDIR     = docs
BUILDDIR      ?= _build
CONFDIR       = .

VENV_STAMP    = $(VENV)/.installed

# Put it first so that "make" without argument is like "make help".
help: $(VENV_STAMP)
	@$(SPHINXBUILD) -M help "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" $(SPHINXOPTS) $(O)

$(VENV_STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test,preview]'
	touch $@

venv: $(VENV_STAMP)

test: $(VENV_STAMP)
	$(VENV)/bin/python -m pytest $(PYTEST_OPTS)

# The content's gate, for the city to require on pull requests if it wants: a
# build from scratch (-E: every page read again, so every warning is said
# again), failing on any warning.  Read the Docs publishes in spite of them.
check: $(VENV_STAMP)
	@$(SPHINXBUILD) -M html "$(SOURCEDIR)" "$(BUILDDIR)/check" -c "$(CONFDIR)" -E -q -W --keep-going $(SPHINXOPTS) $(O)

lint: $(VENV_STAMP)
	$(VENV)/bin/ruff format --check _ext tests conf.py
	$(VENV)/bin/ruff check _ext tests conf.py
	$(VENV)/bin/mypy

# What the work tree changes in the strategy since a git ref, as plain text for
# a terminal, or as Markdown for a pull-request review:
# make diff BASE=v1.0 [FORMAT=markdown]
#
# BASE may name a branch, and a branch name may hold backticks or $(...):
# BASE and FORMAT reach the Python commands in the environment, never in a
# shell's command line, and $(value ...) keeps make itself from expanding
# them.  Variables given on make's command line are exported to recipes
# expanded, which would run a $(shell ...) in them: not these two.
FORMAT        ?= text
unexport BASE FORMAT
diff synopse: export STRATEGY_BASE := $(value BASE)
diff: export STRATEGY_FORMAT := $(value FORMAT)
diff: $(VENV_STAMP)
	$(if $(value BASE),,$(error Name the git ref to compare with: make diff BASE=v1.0))
	@$(VENV)/bin/python -m strategy_pages.review --srcdir "$(SOURCEDIR)"

# A Synopse for the council: the wording at a git ref on the left, the work
# tree's on the right, as synopse.html and synopse.pdf (A4 landscape) in
# $(BUILDDIR)/synopse: make synopse BASE=v1.0
synopse: $(VENV_STAMP)
	$(if $(value BASE),,$(error Name the release to compare with: make synopse BASE=v1.0))
	@$(VENV)/bin/python -m strategy_pages.synopse --srcdir "$(SOURCEDIR)" --confdir "$(CONFDIR)" --outdir "$(BUILDDIR)/synopse"

# Clean builds of 60 and of 240 strategy pages against the same pages written
# by hand (budget: 1.05), the documents that incremental rebuilds read (no
# change, a commit changing no source, one edit), -j 2 against -j 1, and the
# site with the version history of 100 releases against it without (about 20
# minutes on 2 cores):
# make bench (BENCH_OPTS="--pages 100": one size)
# (BENCH_OPTS="--only-history --releases 200": that last one alone)
bench: $(VENV_STAMP)
	$(VENV)/bin/python tests/benchmark.py $(BENCH_OPTS)

# Compile the extension's message catalogs (.po -> .mo) after editing them.
locale: $(VENV_STAMP)
	$(VENV)/bin/pybabel compile --domain strategy_pages --directory _ext/strategy_pages/locale

# The publication, what the city hands out: the tag "publikation" leaves the
# maintainers' pages out (conf.py).  Its own doctrees, as its pages differ
# from the site's: switching between the two re-reads nothing.
PUBLICATION   = -t publikation -d "$(BUILDDIR)/doctrees-publikation"

.PHONY: latexpdf latex epub
latexpdf latex epub: $(VENV_STAMP)
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" $(PUBLICATION) $(SPHINXOPTS) $(O)

# Editing on this computer (docs/redaktion.md), served on 127.0.0.1 only:
# the preview, rebuilt and reloaded on every save, with each data problem shown
# on its page; with `make cms` also the CMS and its proxy (decap-server),
# which writes into the work tree.  Needs Node.js with npm (Debian: nodejs
# npm); the first run installs the pinned Decap CMS into .cms/node_modules.
# Ctrl-C stops everything.  Other ports: make cms PREVIEW_PORT=8010 ...
PREVIEW_PORT   ?= 8000
CMS_PORT       ?= 8080
CMS_PROXY_PORT ?= 8081
CMS_DRAFT_PORT ?= 8082
LOCAL_EDITING  = $(VENV)/bin/python -m strategy_pages.cms.local --srcdir "$(SOURCEDIR)" \
	--confdir "$(CONFDIR)" --builddir "$(BUILDDIR)/preview" --tools .cms \
	--preview-port $(PREVIEW_PORT) --cms-port $(CMS_PORT) --proxy-port $(CMS_PROXY_PORT) --draft-port $(CMS_DRAFT_PORT)

.PHONY: cms preview
cms: $(VENV_STAMP)
	@$(LOCAL_EDITING) -- $(SPHINXOPTS) $(O)

preview: $(VENV_STAMP)
	@$(LOCAL_EDITING) --no-cms -- $(SPHINXOPTS) $(O)

# The catch-all rule below must not try to "build" the project file.
pyproject.toml: ;

.PHONY: help venv test check lint diff synopse bench locale Makefile

# Catch-all target: route all unknown targets to Sphinx using the new
# "make mode" option.  $(O) is meant as a shortcut for $(SPHINXOPTS).
%: Makefile $(VENV_STAMP)
	@$(SPHINXBUILD) -M $@ "$(SOURCEDIR)" "$(BUILDDIR)" -c "$(CONFDIR)" $(SPHINXOPTS) $(O)
