# One entry point.  `make book` and `make test` are all a newcomer needs; both
# create .venv from the pinned requirements.txt on first use.
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
DATA   ?= data
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
# One test worker per core.  Each worker keeps one kernel for the chapters it
# runs (notebooks/conftest.py), so a spare worker costs a kernel and a start-up.
TEST_JOBS ?= $(JOBS)

.PHONY: book test nbval validate notebooks ledger assignments grade translations bench clean help

help:
	@echo "make book      build the site into _build/html"
	@echo "make test      run the notebooks under nbval and the pytest suite"
	@echo "make nbval     run only the notebooks under nbval (under a minute; make test runs them too)"
	@echo "make validate  validate data/ (or another folder: make validate DATA=dir)"
	@echo "make notebooks re-execute the notebooks in place (after changing data or code)"
	@echo "make ledger    copy the notebooks' verdicts into data/claims.csv"
	@echo "make assignments  student and instructor editions in _build/assignments"
	@echo "make grade SUBMISSIONS=dir  grade a folder of submitted notebooks into _build/grades"
	@echo "make translations  merge changed prose into the Chinese catalogs (locales/zh_CN)"
	@echo "make bench     time cold, no-op and one-CSV rebuilds and the tests, as ratios"
	@echo "make clean     remove _build (keeps .venv)"

# The stamp records which requirements.txt, package metadata and venv settings the venv
# was built from.  requirements.txt ends with `-e .`: claimcheck is installed editable.
$(VENV)/.installed: requirements.txt pyproject.toml scripts/configure_venv.py scripts/ipython_kernel_config.py
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (set PYTHON=...)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) scripts/configure_venv.py
	touch $@

# Debian packages: Chromium for the browser test, a CJK font for the charts' Chinese labels;
# skipped with a note where they cannot be installed.
$(VENV)/.system-deps: scripts/install-system-deps.sh | $(VENV)/.installed
	bash scripts/install-system-deps.sh
	touch $@

# The build: validate the data and execute in parallel the documents whose code
# or input files changed (claimcheck/execution.py), then let Sphinx re-write what
# changed in each edition: English in _build/html, 简体中文 in _build/html/zh
# (scripts/build_site.py, one process per edition, at once, started while the
# notebooks run).  Each step is incremental, so `make book` with nothing changed is quick.
define build-site
$(PY) scripts/build_site.py en zh --execute-first $(JOBS)
touch $(BUILT)
endef

# Everything the site is built from.  `make test` needs a current site: it
# rebuilds only when one of these is newer than the last successful build.
BOOK_SOURCES := _config.yml _toc.yml $(shell find book notebooks data claimcheck locales -type f -not -name '* *' \
                  -not -path '*/__pycache__/*' -not -path '*/.ipynb_checkpoints/*')
BUILT := _build/html/.built
# The message templates of the English prose (_build/gettext/*.pot), which the Chinese
# catalogs must cover: not part of the site, so `make test` and `make translations` write them.
TEMPLATES := _build/gettext/.built

# The charts draw Chinese labels: the build needs the CJK font the setup script installs.
book: $(VENV)/.installed $(VENV)/.system-deps
	$(build-site)
	@echo "Open _build/html/index.html (English) or _build/html/zh/index.html (简体中文)"

# After prose changed: merge the new messages into the Chinese catalogs (locales/zh_CN),
# for translators; `make test` fails while a message has no translation.
translations: $(TEMPLATES)
	$(VENV)/bin/sphinx-intl update -p _build/gettext -l zh_CN -d locales -w 0

$(BUILT): $(VENV)/.installed $(VENV)/.system-deps $(BOOK_SOURCES)
	$(build-site)

$(TEMPLATES): $(BUILT)
	$(PY) scripts/build_site.py gettext
	touch $@

# The browser test reads the built site, and the catalog test the templates, so the
# tests need both current.  nbval's kernels show charts as text: nbval never compares
# a chart's PNG, and a chart that fails to draw still fails (scripts/ipython_kernel_config.py).
PYTEST := CLAIMCHECK_FIGURES_AS_TEXT=1 $(PY) -m pytest -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder \
          --nbval-sanitize-with nbval-sanitize.cfg
test: $(VENV)/.installed $(VENV)/.system-deps $(BUILT) $(TEMPLATES)
	$(PYTEST) --nbval notebooks tests

# The chapters' outputs against their committed ones, and nothing else: no site needed.
nbval: $(VENV)/.installed $(VENV)/.system-deps
	$(PYTEST) --nbval notebooks

validate: $(VENV)/.installed
	$(PY) -m claimcheck validate $(DATA)

notebooks: $(VENV)/.installed
	$(PY) -m claimcheck execute --in-place --jobs $(JOBS)

ledger: $(VENV)/.installed
	$(PY) -m claimcheck ledger

assignments: $(VENV)/.installed
	$(PY) -m claimcheck assignments

# One submitted notebook per file in SUBMISSIONS; CHAPTER only if the submissions do not say.
SUBMISSIONS ?=
CHAPTER ?=
grade: $(VENV)/.installed
	@test -n "$(SUBMISSIONS)" || { echo "usage: make grade SUBMISSIONS=folder [CHAPTER=name]"; exit 2; }
	$(PY) -m claimcheck grade "$(SUBMISSIONS)" $(if $(CHAPTER),--chapter $(CHAPTER))

bench: $(VENV)/.installed
	$(PY) scripts/bench.py

clean:
	rm -rf _build
