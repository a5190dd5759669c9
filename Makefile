# Two commands for a fresh machine with python3 and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado
CHROMIUM ?= /usr/bin/chromium
PUERTO ?= 8501

.PHONY: run test lint bench bench-sesiones instalar limpiar

instalar: $(INSTALADO)

$(INSTALADO): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

run: $(INSTALADO)
	$(BIN)/streamlit run dashboard.py --server.port $(PUERTO)

test: $(INSTALADO)
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "AVISO: no hay Chromium en $(CHROMIUM); las pruebas en navegador se omiten (apt-get install -y chromium)."; \
	fi
	$(BIN)/python -m pytest

lint: $(INSTALADO)
	$(BIN)/ruff check .

# The targets table, the older synthetic sets and the slide change (~10 min; the first time a few
# minutes more to write the synthetic folders, with xlsxwriter, under $TMPDIR/tablero_pat_bench).
bench: $(INSTALADO)
	$(BIN)/python benchmarks/rendimiento.py
	@if [ -x "$(CHROMIUM)" ]; then $(BIN)/python benchmarks/diapositivas.py; else \
		echo "AVISO: no hay Chromium en $(CHROMIUM); no se mide el cambio de diapositiva."; fi

bench-sesiones: $(INSTALADO)
	$(BIN)/python benchmarks/sesiones_concurrentes.py

limpiar:
	rm -rf $(VENV) .pytest_cache .hypothesis
