# Set-up and checks. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The demo workspace lives in the checkout, so `make run` never touches the real one.
DEMO_HOME ?= $(CURDIR)/.demo-home

.PHONY: run test lint typecheck architecture bench package package-check install-linux screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed-run

# The system libraries Qt's display plugin needs are checked first: a missing one gets the
# exact apt/dnf command instead of Qt's abort.
run: $(VENV)/.installed-run
	$(BIN)/python -m composer.system_check
	SIAR_HOME=$(DEMO_HOME) $(BIN)/siar --demo

lint: $(VENV)/.installed-test
	$(BIN)/ruff check composer tests benchmarks tools
	$(BIN)/ruff format --check composer tests benchmarks tools

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

architecture: $(VENV)/.installed-test
	$(BIN)/lint-imports

# The tests keep compiled bytecode in $(VENV)/pycache, even where PYTHONDONTWRITEBYTECODE is
# set (as on some CI machines and this project's): otherwise every test worker and every
# Siar process a test starts compiles composer from source, and each worker rewrites the
# asserts of all ~160 test modules again (about 2.5 s of CPU per worker, a sixth of the
# run). A separate prefix keeps __pycache__ out of the source tree; `make clean` removes it.
TEST_ENV := QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(abspath $(VENV))/pycache

# Filled once, by one process, so the workers of the first run don't all compile the same
# modules at the same time; after that Python recompiles only what changed.
$(VENV)/pycache: | $(VENV)/.installed-test
	$(TEST_ENV) $(BIN)/python -m pytest --collect-only -q >/dev/null || true  # errors: shown by the run

# Four workers (each one is a Qt application), whatever the number of cores: some tests wait
# on other processes or on real time (the kill -9 trials, timeouts), and with one worker
# per core that core sat idle: on 2 cores, 4 workers took 72 s where `-n auto` (2) took 86.
# Every test has its own temporary folder, SIAR_HOME, free ports and in-memory keyring.
test: $(VENV)/.installed-test lint typecheck architecture | $(VENV)/pycache
	$(TEST_ENV) $(BIN)/python -m pytest -n 4 --dist worksteal

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/preview_latency.py

screenshot: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshot.py

clean:
	rm -rf $(VENV) $(DEMO_HOME) build dist *.egg-info

$(VENV)/.installed-package: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[package]"
	touch $@ $(VENV)/.installed-run

# The app as one folder (dist/siar) for the machine this runs on; on Windows, then run
# Inno Setup on packaging/windows/siar.iss for the installer.
package: $(VENV)/.installed-package
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller packaging/siar.spec

# Start the bundle offscreen, have it render a template, and check it exits cleanly; and
# check that the Linux install step and the Windows installer register siar:// links.
package-check: package
	QT_QPA_PLATFORM=offscreen dist/siar/siar --self-test build/self-test
	test -s build/self-test/template.png
	$(BIN)/python tools/check_packaging.py

# Linux: install dist/siar for this user with its menu entry and the siar:// handler.
install-linux: package
	sh packaging/linux/install.sh dist/siar
