# Hotline Seat: two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
QM     := resources/translations/hotline_en.qm
# The intake model's weights for the shipped catalogue and examples, so a seat does not train at its
# first call (app/intake/model.py reads them; a seat whose catalogue differs trains its own).
MODEL  := resources/intake/intake_model.json

.PHONY: run test test-all lint typecheck pytest pytest-all system-deps system-deps-test translations lupdate \
	test-slow security-probe bench dist selftest-dist manual-shots clean

# Debian packages (Qt's libraries, libpulse, a CJK font; for tests also PostgreSQL, espeak-ng ...):
# installed when run as root, otherwise the one `sudo apt-get install` line is printed. The list is
# app/system_packages.py. HOTLINE_SYSTEM_DEPS=skip leaves the system alone.
system-deps:
	@$(PYTHON) -m app.system_packages run

system-deps-test:
	@$(PYTHON) -m app.system_packages test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	@# sqlcipher3-binary (until Dec 2026) owns the same module as sqlcipher3-wheels: remove it first.
	@$(BIN)/pip uninstall -q -y sqlcipher3-binary 2>/dev/null || true
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

$(QM): resources/translations/hotline_en.ts | $(STAMP)
	$(BIN)/pyside6-lrelease -silent $< -qm $@

translations: $(QM)

# Re-extract UI strings into the .ts file after changing tr() texts; then translate the new entries.
lupdate: $(STAMP)
	$(BIN)/pyside6-lupdate $(wildcard ui/*.py ui/*/*.py) -source-language zh_CN -target-language en \
		-no-obsolete -ts resources/translations/hotline_en.ts

$(MODEL): $(STAMP) resources/intake/examples.jsonl resources/taxonomy.yaml $(wildcard resources/dict/*.txt)
	$(BIN)/python -m app.intake.train --out $@

run: system-deps $(STAMP) $(QM) $(MODEL)
	$(BIN)/hotline-seat --demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# Tests run with a real OS keyring when gnome-keyring is installed (.ci/with-keyring says how).
# `make test` is the quick default selection; `make test-all` adds the long loops (marked slow) and
# is what CI runs.
# JOBS pytest workers (pytest-xdist); JOBS=0 runs in this process, for a debugger.
JOBS   ?= 2
PYTEST := QT_QPA_PLATFORM=offscreen .ci/with-keyring $(BIN)/pytest -p no:cacheprovider -n $(JOBS) --dist loadgroup

pytest: $(STAMP) $(QM)
	$(PYTEST) -m "not slow"

pytest-all: $(STAMP) $(QM)
	$(PYTEST)

test: system-deps-test lint typecheck pytest

test-all: system-deps-test lint typecheck pytest-all

test-slow: $(STAMP) $(QM)
	$(PYTEST) -m slow

# Issue 16's holes replayed against a real server process on SQLite and PostgreSQL; prints the table.
security-probe: $(STAMP) $(QM)
	$(PYTEST) tests/security

bench: $(STAMP) $(QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks

# The user manual's screenshots (docs/<lang>/images), from the real seat with demo data, offscreen.
manual-shots: $(STAMP) $(QM) $(MODEL)
	$(BIN)/python -m docs.shots

dist: $(STAMP) $(QM) $(MODEL)
	$(BIN)/pyinstaller --noconfirm --clean build.spec

selftest-dist: dist
	QT_QPA_PLATFORM=offscreen dist/hotline-seat/hotline-seat --self-test

clean:
	rm -rf build dist .mypy_cache .ruff_cache
