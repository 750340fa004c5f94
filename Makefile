# The hall kiosk. `make run` serves it on http://127.0.0.1:5000; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app kiosk
CATALOGS := kiosk/translations
PO := $(wildcard $(CATALOGS)/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test install translations extract lint bench simulate migrate demo clean

$(BIN)/flask: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/flask

%.mo: %.po $(BIN)/flask
	$(BIN)/pybabel compile --statistics -d $(CATALOGS) -l $(notdir $(patsubst %/LC_MESSAGES/messages.po,%,$<))

translations: $(MO)

migrate: install translations
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo-data

# The demo hall is open around the clock unless the environment says otherwise. Its one process
# counts the rate limits in memory:// (production shares them in Redis: see the README).
run: demo
	KIOSK_HALL_HOURS=$${KIOSK_HALL_HOURS:-00:00-24:00} KIOSK_HALL_DAYS=$${KIOSK_HALL_DAYS:-mon-sun} \
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install translations
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install translations
	$(BIN)/python -m bench

simulate: install
	$(BIN)/python -m queue_mgr.simulate

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports

# Re-extract the strings after changing templates or code, then translate the new ones.
extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -o $(CATALOGS)/messages.pot --no-location --sort-output .
	$(BIN)/pybabel update -i $(CATALOGS)/messages.pot -d $(CATALOGS) --no-fuzzy-matching --no-wrap
	$(BIN)/python tools/fill_english.py

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache
