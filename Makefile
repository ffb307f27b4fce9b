# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DATA ?= data
SAMPLES := $(DATA)/samples

.PHONY: setup browser ocr postgres run test lint bench clean

setup: $(STAMP)

# torch first, pinned to the CPU build on this machine's disk: a plain `torch`
# (asked for by sentence-transformers) resolves to a multi-GB CUDA build.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "caiwen needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

# The browser tests drive Debian's Chromium (never a downloaded browser); the CJK fonts make
# Chinese readable in their screenshots.
browser:
	@command -v chromium >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q . || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)

# OCR: OpenCV (installed with rapidocr-onnxruntime) loads libGL and GLib from the system.
ocr:
	@ldconfig -p | grep -q 'libGL\.so\.1' && ldconfig -p | grep -q 'libglib-2\.0\.so\.0' || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgl1 libglib2.0-0)

# The PostgreSQL tests start a throwaway cluster (tests/postgres.py) with Debian's server
# binaries (initdb, pg_ctl); no server is left running.
postgres:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql)

run: setup ocr
	$(BIN)/caiwen samples $(SAMPLES)
	$(BIN)/caiwen ingest $(SAMPLES) --data $(DATA)
	$(BIN)/caiwen ask "三公经费比上年变化多少" --department 示例市示范区政务服务中心 --year 2018 --data $(DATA)
	@echo "财问 is at http://127.0.0.1:8000 (Ctrl-C stops it)"
	$(BIN)/caiwen serve --host 127.0.0.1 --port 8000 --data $(DATA)

# The store and service tests again with their stores in PostgreSQL (CAIWEN_TEST_STORE).
ON_POSTGRESQL = tests/test_store_safety.py tests/test_tools_samples.py tests/test_ask_samples.py \
	tests/test_api.py tests/test_bots.py tests/test_followups.py tests/test_feedback.py

test: setup browser ocr postgres
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	CAIWEN_TEST_POSTGRES=1 $(BIN)/python -m pytest
	CAIWEN_TEST_POSTGRES=1 CAIWEN_TEST_STORE=postgresql $(BIN)/python -m pytest $(ON_POSTGRESQL)
	$(BIN)/caiwen eval --report eval/report.md

bench: setup
	$(BIN)/python benchmarks/ingest_speed.py
	$(BIN)/python -m caiwen.eval.retrieval
	$(BIN)/python benchmarks/tool_latency.py
	$(BIN)/python benchmarks/ask_latency.py
	$(BIN)/python benchmarks/load.py

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache
