# Two commands on a fresh machine:
#   make run    installs everything and serves the demo portal on http://127.0.0.1:5000 (SQLite)
#   make test   installs everything and runs the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run dev test lint install install-dev browser translations extract-text benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PIP) install -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed translations
install-dev: $(VENV)/.installed-dev translations

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations -f 2>/dev/null || true

browser:
	@bash scripts/install-browser.sh

run: install
	PORTAL_ENV=demo $(BIN)/flask --app portal db-upgrade
	@echo "The portal is on http://127.0.0.1:5000 (press Ctrl+C to stop)."
	PORTAL_ENV=demo $(BIN)/gunicorn --workers 2 --bind 127.0.0.1:5000 --access-logfile - 'portal:create_app()'

# For developing: reloads when the code changes.
dev: install
	PORTAL_ENV=development $(BIN)/flask --app portal db-upgrade
	PORTAL_ENV=development $(BIN)/flask --app portal run --debug --host 127.0.0.1 --port 5000

test: install-dev browser
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Style and types: ruff's checks, ruff's formatting (checked, not changed), and mypy on the typed packages
# (pyproject.toml says which). `$(BIN)/ruff format .` puts the formatting right.
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Extract UI text for translators into translations/messages.pot, and update every language's .po file.
extract-text: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output --project "Personal budget portal" portal
	@for po in translations/*/LC_MESSAGES/messages.po; do [ -f "$$po" ] && $(BIN)/pybabel update --ignore-obsolete -i translations/messages.pot -d translations -l $$(basename $$(dirname $$(dirname $$po))) || true; done

benchmark: install-dev
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) instance .pytest_cache
