# The two commands of the README: `make run` and `make test`. Both set up
# .venv from the pinned lock first; nothing needs installing by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP  := $(VENV)/.installed

export DO_NOT_TRACK := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: run test bench setup clean chromium

# The extractor is compiled with mypyc by the package's own build (setup.py; gcc and Python's
# headers are needed): again whenever one of its sources changes, and a failed compile stops make.
# The build's record of the compiled sources is the target (fazhi/extract/build_record.py).
BUILT := fazhi/extract/_compiled.json

setup: $(BUILT)

# Bytecode is compiled at install: where PYTHONDONTWRITEBYTECODE is set (as on
# this machine) Python would otherwise recompile every module on every start,
# and importing GX alone took 9.5 s instead of 3.3 s.
$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	@echo "installing the pinned packages into $(VENV) (about a minute the first time)"
	$(BIN)/uv pip install --compile-bytecode --python $(BIN)/python -r requirements.lock
	touch $(STAMP)

$(BUILT): $(STAMP) setup.py $(wildcard fazhi/extract/*.py) fazhi/text/sentences.py
	@echo "compiling the extractor with mypyc (about a minute)"
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --reinstall-package fazhi -e .
	@# fazhi's own bytecode too (an editable install compiles none): ~0.1 CPU-s a process of a run
	$(BIN)/python -m compileall -q fazhi

# The sample reports, into their own warehouse (warehouse/demo.duckdb): never the real one.
run: $(BUILT)
	$(BIN)/fazhi demo
	@echo "next: source $(VENV)/bin/activate, then fazhi run YOUR/REPORTS (or call $(BIN)/fazhi directly)"

# Browser tests need Chromium (and a CJK font so screenshots are legible; the
# format tests draw their scanned-PDF fixtures with it); install Debian's when missing.
chromium:
	@command -v chromium >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q . || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null)

# -n auto --dist loadfile: the test files spread over the cores, one file on one worker (its
# module fixtures built once); --durations: the slowest tests are named at the end of every run
test: $(BUILT) chromium
	$(BIN)/python -m pytest -n auto --dist loadfile --durations=20

# The bench's own tools (py-spy, matplotlib) go into .venv from bench/requirements.lock,
# not into the package: `make setup` and `make test` neither need nor install them.
# BENCH_SCALE=100000 make bench adds the 100,000-report corpus (see README, Performance).
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(BUILT) bench/requirements.lock
	$(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -r bench/requirements.lock
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) warehouse/*.duckdb* warehouse/reports warehouse/prefect build .mypy_cache $(BUILT) *.so fazhi/extract/*.so
