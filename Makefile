# bdg — the two commands a newcomer types: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
BENCH_STAMP = $(VENV)/.installed-bench

.PHONY: demo test test-all venv bench bench-intake bench-consolidate bench-report bench-latency starter-workbook clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# The benchmarks also need the bench extra (pandas, for the comparison in bench_intake.py).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,bench]'
	touch $(BENCH_STAMP)

demo: $(STAMP)
	$(BIN)/bdg demo --out demo-output

test: $(STAMP)
	$(BIN)/python -m pytest

# Everything, including the slow tests (kill loops, large generations).
test-all: $(STAMP)
	$(BIN)/python -m pytest -m ""

# The 2021–2030 starter as a ready plan workbook, exported from its YAML (a test checks it is fresh).
starter-workbook: $(STAMP)
	$(BIN)/bdg plan export --plan bdg/plans/khung-tinh-2021-2030.yaml --out bdg/plans/khung-tinh-2021-2030.xlsx --force

bench: bench-intake bench-consolidate bench-report bench-latency

bench-intake: $(BENCH_STAMP)
	$(BIN)/python bench/bench_intake.py

bench-consolidate: $(BENCH_STAMP)
	$(BIN)/python bench/bench_consolidate.py

bench-report: $(BENCH_STAMP)
	$(BIN)/python bench/bench_report.py

bench-latency: $(BENCH_STAMP)
	$(BIN)/python bench/bench_latency.py

clean:
	rm -rf demo-output build dist *.egg-info .pytest_cache
