# Two commands set everything up on a fresh machine:
#   make export   create .venv, install Octavo, export the bundled event into build/
#   make test     same bootstrap, then the full test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# An editable install as a plain path entry: setuptools' default import hook
# costs every command ~20 ms before its first line runs (see README, Speed).
EDITABLE := --config-settings editable_mode=compat
# Octavo's own bytecode, as pip writes it for every installed wheel: an
# editable install leaves the sources uncompiled, and where Python may not
# write bytecode (PYTHONDONTWRITEBYTECODE, a read-only checkout) every
# command compiled its ~100 modules again (see README, Speed).
COMPILE := $(BIN)/python -m compileall -q exporter >/dev/null

.PHONY: export test bench profile clean

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet $(EDITABLE) -e '.[test]' || $(BIN)/pip install --quiet -e '.[test]'
	$(COMPILE)
	touch $(STAMP)

export: $(STAMP)
	$(BIN)/octavo validate
	$(BIN)/octavo export all
	$(BIN)/octavo export pdf --layout report

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/pip install --quiet $(EDITABLE) -e '.[test,bench]' || $(BIN)/pip install --quiet -e '.[test,bench]'
	$(COMPILE)
	$(BIN)/python bench/run.py --runs 5 --sizes 1,10,40

# The print edition's bundled CMYK output profile, rebuilt from FOGRA's
# characterisation data (needs: apt-get install argyll icc-profiles-free).
# Provenance, flags and licence: exporter/profiles/NOTICE.
profile:
	tmp=$$(mktemp -d) && cp /usr/share/color/icc/FOGRA39L.ti3 "$$tmp/" && \
	colprof -qm -kx -l330 -nc \
	  -D "Octavo FOGRA39L coated offset, max K, 330% (built from FOGRA39L.ti3)" \
	  -C "Derived from FOGRA39L.ti3 (Fogra characterization data), zlib licence; see NOTICE" \
	  -O "$$tmp/octavo-fogra39l.icc" "$$tmp/FOGRA39L" && \
	cp "$$tmp/octavo-fogra39l.icc" exporter/profiles/ && rm -rf "$$tmp"

clean:
	rm -rf build $(VENV)
