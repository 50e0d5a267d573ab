# The two set-up commands of the README: `make demo` and `make test`.
# Each creates the virtual environment, installs orgdesign and its test
# tools, and installs Graphviz's programs when `dot` is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/nascent-logistics.yaml
DEMO_OUT ?= out/demo

.PHONY: demo test sweep install graphviz docs clean
# Test processes (pytest-xdist); the suite is CPU-bound, so one per core.
TEST_WORKERS ?= 2

demo: install graphviz
	$(BIN)/orgdesign recommend $(EXAMPLE) --out $(DEMO_OUT)

test: install graphviz
	$(BIN)/python -m pytest -n $(TEST_WORKERS)
	$(BIN)/orgdesign lint --out out/lint

# The long sweeps `make test` leaves out (marked `sweep`): thousands of random
# profiles, exhaustive what-if searches. CI runs them once after `make test`.
sweep: install graphviz
	$(BIN)/python -m pytest -n $(TEST_WORKERS) -m sweep

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
	rm -rf $(VENV) out build *.egg-info

# The gallery: the org chart of every example profile, as DOT source and SVG.
# tests/test_diagrams.py fails when a committed .gv or .svg is out of date.
.PHONY: diagrams
diagrams: install graphviz
	@mkdir -p diagrams
	@for profile in examples/*.yaml; do \
	  name=$$(basename $$profile .yaml); \
	  $(BIN)/orgdesign render $$profile --format gv -o diagrams/$$name.gv && \
	  $(BIN)/orgdesign render $$profile --format svg -o diagrams/$$name.svg || exit 1; \
	done
