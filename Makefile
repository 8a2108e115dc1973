# Linli: `make run` sets up and starts everything on embedded defaults; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
# The first Python >= 3.12 found: on PATH, then pyenv's installs (Django 6 needs 3.12+).
FIND_PYTHON = for c in python3.14 python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do \
	  if command -v "$$c" >/dev/null 2>&1 && "$$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then echo "$$c"; exit 0; fi; \
	done; echo "No Python 3.12+ found: install one (e.g. pyenv install 3.13)" >&2; exit 1

.PHONY: run test setup lint audit sbom messages benchmark clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@py=$$($(FIND_PYTHON)) && echo "Using $$py ($$($$py --version))" && \
	  ( [ -x $(PY) ] || $$py -m venv $(VENV) )
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.installed
	@mkdir -p var/broker/out var/broker/processed var/media var/cache
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py seed_demo

run: setup
	$(PY) manage.py run_all

test: $(VENV)/.installed
	@mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports

# Offline dependency audit: every pin against the committed advisory list (pip-audit's service is out of reach).
audit: $(VENV)/.installed
	$(PY) core/dependencies/check_pins.py

# SBOM: the exact installed packages (pip freeze), with when and from which commit, kept per release.
sbom: $(VENV)/.installed
	@mkdir -p var/sbom
	@{ echo "# Linli SBOM: $$(git rev-parse --short HEAD 2>/dev/null || echo unknown), $$(date -u +%Y-%m-%dT%H:%M:%SZ), $$($(PY) --version)"; \
	  $(PY) -m pip freeze --all --disable-pip-version-check; } > var/sbom/requirements-frozen.txt
	@echo "SBOM written to var/sbom/requirements-frozen.txt"

# Translators' loop (needs GNU gettext): extract, translate locale/*/LC_MESSAGES/django.po, compile.
# The compiled .mo files are committed, so running Linli needs no gettext tools.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=var --ignore=benchmarks --ignore=tests --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

# Times seed_scale on a throwaway database: BENCHMARK_ARGS="--database-url postgres://user@host:port/postgres".
benchmark: $(VENV)/.installed
	$(PY) benchmarks/seed_scale.py --units 200000 $(BENCHMARK_ARGS)

clean:
	rm -rf $(VENV) var staticfiles
