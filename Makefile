# Two commands on a fresh machine:
#   make run    installs everything and serves the demo portal on http://127.0.0.1:5000 (SQLite)
#   make test   installs everything and runs the whole test suite
# And to run it as for real, on this machine's PostgreSQL and Redis (see README, "Running it for real"):
#   make up     the release step, gunicorn on http://127.0.0.1:8000 and the worker; make down stops them
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run dev test lint install install-dev browser translations extract-text benchmark clean up down lock lock-check load

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

# Check, then compile, every UI text catalogue: any problem in a translation stops here, with its file and
# line, so that it never reaches a person (see scripts/check_translations.py).
translations: $(VENV)/.installed
	$(BIN)/python scripts/check_translations.py translations
	$(BIN)/pybabel compile -d translations -f --statistics

browser:
	@bash scripts/install-browser.sh

run: install
	PORTAL_ENV=demo $(BIN)/flask --app portal db-upgrade
	@echo "The portal is on http://127.0.0.1:5000 (press Ctrl+C to stop)."
	PORTAL_ENV=demo $(BIN)/gunicorn -c gunicorn.conf.py --workers 2 --bind 127.0.0.1:5000 'portal:create_app()'

# For developing: reloads when the code changes.
dev: install
	PORTAL_ENV=development $(BIN)/flask --app portal db-upgrade
	PORTAL_ENV=development $(BIN)/flask --app portal run --debug --host 127.0.0.1 --port 5000

# The portal as it runs for real (compose.yaml's services), without containers: the release step, gunicorn
# in the background and the worker, against this machine's PostgreSQL and Redis. See scripts/up.sh.
up: install
	@BIN=$(BIN) bash scripts/up.sh

down:
	@bash scripts/down.sh

# requirements.lock: every package the portal runs on, pinned with hashes, from requirements.txt.
LOCK_ENV := env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null
LOCK_ARGS := --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links

lock: $(VENV)/.installed-dev
	$(LOCK_ENV) $(BIN)/pip-compile $(LOCK_ARGS) --output-file requirements.lock requirements.txt

# Fails when requirements.lock is not what requirements.txt gives today (needs the package index).
lock-check: $(VENV)/.installed-dev
	@tmp=$$(mktemp -d) && cp requirements.lock "$$tmp/new.lock" && \
	$(LOCK_ENV) $(BIN)/pip-compile $(LOCK_ARGS) --output-file "$$tmp/new.lock" requirements.txt && \
	grep -v '^#' requirements.lock > "$$tmp/old" && grep -v '^#' "$$tmp/new.lock" > "$$tmp/new" && \
	diff -u "$$tmp/old" "$$tmp/new"; status=$$?; rm -rf "$$tmp"; \
	if [ $$status -eq 0 ]; then echo "requirements.lock is current."; \
	else echo "requirements.lock is out of date: run make lock." >&2; fi; exit $$status

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

# The speed benchmark (benchmarks/README.md): the portal against a hello-world floor, with wrk.
# BENCH_ARGS="--database-url postgresql+psycopg://..." runs it on PostgreSQL (that database is emptied).
benchmark: install-dev
	@command -v wrk >/dev/null || apt-get install -y -q wrk || sudo apt-get install -y -q wrk
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

# The load run: whole journeys on PostgreSQL, two instances, a stalled mail server (benchmarks/load/run.py).
# LOAD_ARGS="--chaos" also kills workers and restarts PostgreSQL once, and counts lost answers.
load: install
	test -x .venv-load/bin/locust || ($(PYTHON) -m venv .venv-load && .venv-load/bin/pip install -q -r benchmarks/load/requirements.txt)
	LOCUST=.venv-load/bin/locust $(BIN)/python benchmarks/load/run.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache
