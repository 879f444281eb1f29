# The two commands of the README: `make run` and `make test`. Both create .venv and install the project.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test venv index eval bench clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# CPU build of torch first (sentence-transformers would otherwise pull a multi-GB CUDA build).
	$(BIN)/pip install --quiet "torch==2.13.0" || $(BIN)/pip install --quiet torch
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

## run: build the index of the bundled corpus if needed and open the web UI on http://127.0.0.1:7860
run: venv
	$(BIN)/baocao ui

## test: the whole test suite (builds the corpus index once per session; browser tests use Debian's chromium)
test: venv browser
	$(BIN)/python -m pytest

## browser: Debian's headless Chromium for the UI tests (Playwright never downloads a browser here)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Cần cài chromium (apt-get install chromium) để chạy kiểm thử giao diện"; fi; }

eval: venv
	$(BIN)/baocao eval --dataset eval/qa_test.jsonl --out eval/out --baseline

bench: venv
	$(BIN)/baocao bench --out eval/bench

clean:
	rm -rf $(VENV) .pytest_cache
