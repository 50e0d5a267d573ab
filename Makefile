# The two set-up commands of the README: `make demo` and `make test`.
# Each creates the virtual environment, installs orgdesign and its test
# tools, and installs Graphviz's programs when `dot` is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/nascent-logistics.yaml
DEMO_OUT ?= out/demo

.PHONY: demo test test-time sweep mutation install graphviz docs clean
# Python keeps compiled modules (and pytest its rewritten tests) in the
# git-ignored __pycache__ folders. A shell that forbids it
# (PYTHONDONTWRITEBYTECODE) would make every test process, and every
# `python -m orgdesign` a test starts, compile the package again: about 18 s
# of the suite's CPU time. The cache is keyed by each file's size and time,
# so an edited file is never read stale.
unexport PYTHONDONTWRITEBYTECODE
# Test processes (pytest-xdist); the suite is CPU-bound, so one per core.
TEST_WORKERS ?= 2

demo: install graphviz
	$(BIN)/orgdesign recommend $(EXAMPLE) -o $(DEMO_OUT)
	@echo
	@echo "Open $(DEMO_OUT)/report.html: the client's report, charts included ($(DEMO_OUT)/report.md says the same in Markdown)."
	@echo "To run orgdesign yourself: . $(VENV)/bin/activate   (then: orgdesign --help)"

# The suite lints the shipped rule base itself (tests/test_lint_cli.py:
# test_shipped_rule_base_is_clean runs `orgdesign lint` with its full proof
# and fails on any finding), so no second lint run follows.
test: install graphviz
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

# How long `make test`'s pytest run takes: wall time and CPU time (user + sys
# of every test process); on a shared machine the CPU time says more
# (scripts/suite_time.py). The suite should stay under 90 s on 2 quiet cores.
test-time: install graphviz
	$(BIN)/python scripts/suite_time.py -n $(TEST_WORKERS) --durations=30

# The long runs `make test` leaves out: the sweeps (marked `sweep`: thousands of
# random profiles, exhaustive what-if searches, a batch stopped by a real
# Ctrl-C) and whole interviews in a real browser (marked `browser`). CI runs
# them once after `make test`.
sweep: install graphviz
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m "sweep or browser"

# Mutation testing of the core (docs/mutation-testing.md); not part of
# `make test` or CI: it takes hours. scripts/mutation.py says which tests aim
# at which module. One module at a time, one test process, at the lowest CPU
# priority, so a shared machine stays usable; `make mutation
# MUTATION_MODULES=orgdesign/paths.py` runs just one.
MUTATION_MODULES ?=
mutation: install graphviz
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	nice -n 19 $(BIN)/python scripts/mutation.py $(MUTATION_MODULES)
	$(BIN)/python scripts/mutation_scores.py

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

docs: install
	$(BIN)/python scripts/bad_inputs_table.py

graphviz:
	@scripts/ensure-graphviz.sh

clean:
	rm -rf $(VENV) out build *.egg-info mutants

# The gallery: for every example profile, the chart of its ML organisation
# today (NAME-today.*) and the recommended one (NAME.*), as DOT source and
# SVG, copied from what `recommend --out` writes.
# tests/test_diagrams.py fails when a committed .gv or .svg is out of date.
.PHONY: diagrams
diagrams: install graphviz
	@mkdir -p diagrams
	@tmp=$$(mktemp -d) && for profile in examples/*.yaml; do \
	  name=$$(basename $$profile .yaml); \
	  $(BIN)/orgdesign recommend $$profile --out $$tmp/$$name > /dev/null && \
	  cp $$tmp/$$name/orgchart.gv diagrams/$$name.gv && \
	  cp $$tmp/$$name/orgchart.svg diagrams/$$name.svg && \
	  cp $$tmp/$$name/orgchart-today.gv diagrams/$$name-today.gv && \
	  cp $$tmp/$$name/orgchart-today.svg diagrams/$$name-today.svg || exit 1; \
	done; rm -rf $$tmp
