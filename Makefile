# iKonnekt: `make demo` serves the demo at http://127.0.0.1:8000, `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
APT_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
OPTIONAL_APT := tesseract-ocr tesseract-ocr-deu tesseract-ocr-eng ghostscript
E2E_APT := chromium
export PYTHONPATH := $(CURDIR)/src

.PHONY: schema demo test venv dev-venv system-packages optional-packages e2e-packages messages lint format migrate bench clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(PIP) install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed
dev-venv: $(VENV)/.dev-installed

# System libraries WeasyPrint and gettext need; installed with apt when missing and we are root.
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Please install:$$missing (sudo apt-get install$$missing)"; fi; fi

# OCR is optional: without Tesseract, the system page says OCR is unavailable.
optional-packages:
	@missing=""; for p in $(OPTIONAL_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) || echo "Optional packages not installed:$$missing (OCR unavailable)"; \
	  else echo "Optional: install$$missing for OCR"; fi; fi

# Debian's Chromium for the end-to-end tests (never a downloaded browser).
e2e-packages:
	@if ! command -v chromium >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(E2E_APT) >/dev/null) || echo "Chromium could not be installed: e2e tests will be skipped"; \
	  else echo "Install chromium for the e2e tests (they are skipped otherwise)"; fi; fi

messages: $(VENV)/.installed
	cd src/ikonnekt && for app in */; do if [ -d "$$app/locale" ]; then (cd $$app && ../../../$(PY) -m django compilemessages --settings=ikonnekt.settings -v0); fi; done
	cd src/ikonnekt && ../../$(PY) -m django compilemessages --settings=ikonnekt.settings -v0

migrate: $(VENV)/.installed system-packages messages
	$(PY) -m django migrate --settings=ikonnekt.settings -v0

demo: system-packages optional-packages $(VENV)/.installed messages
	DEBUG=0 DEMO_MODE=1 SECURE_COOKIES=0 $(PY) -m django migrate --settings=ikonnekt.settings -v0
	DEBUG=0 DEMO_MODE=1 $(PY) -m django collectstatic --noinput --settings=ikonnekt.settings -v0
	DEBUG=0 DEMO_MODE=1 $(PY) -m django load_demo --settings=ikonnekt.settings
	@echo ""
	@echo "iKonnekt demo: http://$(HOST):$(PORT)/"
	@echo "Demo logins (password for all: Konnekt-Demo-2026):"
	@echo "  nalbach-admin, nalbach-editor, nalbach-viewer      (Gemeinde Nalbach)"
	@echo "  saarlouis-admin, saarlouis-editor, saarlouis-viewer (Kreisstadt Saarlouis)"
	@echo "  landkreis-saarlouis-admin, erfurt-viewer, biohof-primstal-editor, kunde (market customer), ..."
	@echo ""
	DEBUG=0 SECURE_COOKIES=0 DEMO_MODE=1 $(PY) -m django run_jobs --settings=ikonnekt.settings & \
	  JOBS_PID=$$!; trap "kill $$JOBS_PID 2>/dev/null" EXIT INT TERM; \
	  DEBUG=0 SECURE_COOKIES=0 DEMO_MODE=1 $(VENV)/bin/gunicorn ikonnekt.wsgi:application \
	    --bind $(HOST):$(PORT) --workers 3 --threads 2 --access-logfile - --log-level warning

test: system-packages e2e-packages $(VENV)/.dev-installed messages lint
	# Unit, integration and permission tests on both cores; then the browser tests, also on both cores.
	$(VENV)/bin/pytest -q -p no:cacheprovider -n 2 -m "not e2e" $(PYTEST_ARGS)
	$(VENV)/bin/pytest -q -p no:cacheprovider -n 2 -m e2e $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

format: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check --fix src tests bench
	$(VENV)/bin/ruff format src tests bench

schema: $(VENV)/.installed
	$(PY) -m django spectacular --settings=ikonnekt.settings --file docs/openapi.yaml

bench: $(VENV)/.dev-installed
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) var .pytest_cache
