# The two commands a newcomer needs: `make play` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: play test exe bench lint clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# game/__init__.py holds the version: a bump reinstalls, so the installed metadata says the same.
$(VENV)/.installed: pyproject.toml game/__init__.py | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml game/__init__.py | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -e '.[dev]'
	touch $@ $(VENV)/.installed

play: $(VENV)/.installed
	$(PY) -m game play

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: lint
	$(PY) -m pytest

exe: $(VENV)/.installed-dev
	$(PY) build/package.py

bench: $(VENV)/.installed
	$(PY) -m game bench

clean:
	rm -rf dist build/work .pytest_cache .ruff_cache
