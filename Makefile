# Answer Language: make test | make report | make train | make lab | make bench
# Everything runs in .venv, built from pyproject.toml with every package pinned by constraints.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: test report train lab bench bench-million lint format lock clean

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

## test: lint and format check (ruff), then the whole test suite
test: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

## report: score the corpus, execute every report notebook, render reports/*.html and the index
##         optional slice: make report TOPIC=dementia DEPARTMENT=DHSC FROM=2026-01-01 TO=2026-07-31
report: $(INSTALLED)
	$(BIN)/answer-language report $(if $(TOPIC),--topic "$(TOPIC)") \
		$(if $(DEPARTMENT),--department "$(DEPARTMENT)") $(if $(FROM),--from "$(FROM)") \
		$(if $(TO),--to "$(TO)")

## train: rebuild the learned labelers (analysis/models/) from data/labelled/, deterministically
train: $(INSTALLED)
	$(BIN)/python -m analysis.learning

## lab: JupyterLab on notebooks/ with the project's environment as its kernel
lab: $(INSTALLED)
	$(BIN)/python -c 'from analysis.reporting.build import ensure_kernel; ensure_kernel()'
	$(BIN)/jupyter lab --notebook-dir=notebooks

## bench: timing scripts; they print numbers and assert nothing
bench: $(INSTALLED)
	$(BIN)/python benchmarks/bench_scale.py
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_external.py
	$(BIN)/python benchmarks/bench_explorer.py

## bench-million: make bench, plus 1,000,000 synthetic answers scored in chunks (long)
bench-million: $(INSTALLED)
	$(BIN)/python benchmarks/bench_scale.py --million

lint: $(INSTALLED)
	$(BIN)/ruff check .

format: $(INSTALLED)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## lock: re-pin every installed package into constraints.txt (after changing pyproject.toml)
lock: $(INSTALLED)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^answer-language' > constraints.txt

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
