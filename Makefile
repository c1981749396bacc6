# Two commands do all set-up on a fresh machine (see README):
#   make demo   -> extract events from a seed article with the embedded model
#   make test   -> the test suite (what CI runs)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEED   ?= seeds/000_91a734e0eab9479f.txt

.PHONY: setup demo test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# CPU-only install: constraints-cpu.txt pins torch to the CPU build, never a multi-GB CUDA one.
$(VENV)/.installed: pyproject.toml constraints-cpu.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints-cpu.txt -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/araevents extract $(SEED) --pretty

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
