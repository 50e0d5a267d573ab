# The two set-up commands of the README: `make demo` and `make test`.
# Each creates the virtual environment, installs orgdesign and its test
# tools, and installs Graphviz's programs when `dot` is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/nascent-logistics.yaml
DEMO_OUT ?= out/demo

.PHONY: demo test install graphviz clean

demo: install graphviz
	$(BIN)/orgdesign recommend $(EXAMPLE) --out $(DEMO_OUT)

test: install graphviz
	$(BIN)/python -m pytest
	$(BIN)/orgdesign lint --out out/lint

install: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

graphviz:
	@scripts/ensure-graphviz.sh

clean:
	rm -rf $(VENV) out build *.egg-info
