# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

# Debian packages Qt's xcb platform plugin needs on a bare machine.
QT_DEBS := libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
           libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
           libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1

.PHONY: run test venv qt-deps screenshots bench clean

run: $(STAMP) qt-deps
	$(VENV)/bin/desktop-reader

test: $(STAMP) qt-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Desktop Reader needs Python >= 3.11 (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# Qt needs a few system libraries; install them when we can, else say exactly what to run.
qt-deps: $(STAMP)
	@QT_QPA_PLATFORM=offscreen $(PY) -c 'from PySide6 import QtWidgets, QtGui' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(QT_DEBS); \
	  else \
	    echo "Qt's system libraries are missing. Install them with:"; \
	    echo "  sudo apt-get install $(QT_DEBS)"; exit 1; \
	  fi; }

screenshots: $(STAMP) qt-deps
	$(PY) -m desktop_reader.ui.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info
