# The two commands of the README:  make demo  and  make test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: demo test install clean

$(BIN)/planeval: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/planeval

install: $(BIN)/planeval

## Set up and serve the demo (普陀区 and three more jurisdictions) on http://127.0.0.1:8000
demo: install
	PLANEVAL_ENV=demo $(BIN)/planeval migrate --noinput
	PLANEVAL_ENV=demo $(BIN)/planeval load-demo
	@# The background worker (long exports) runs beside the web server and stops with it.
	PLANEVAL_ENV=demo $(BIN)/planeval db_worker --no-startup-delay & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	PLANEVAL_ENV=demo $(BIN)/planeval runserver $(HOST) --noreload

## Run the whole test suite (DATABASE_URL selects PostgreSQL; SQLite otherwise)
test: install
	$(BIN)/pytest

clean:
	rm -rf $(VENV) var test-output
