# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint venv qt-deps screenshots bench clean \
        install-desktop uninstall-desktop check-desktop bundle

run: $(STAMP) qt-deps
	$(VENV)/bin/desktop-reader

# Tests run headless, so Qt is checked on the offscreen platform they use.
test: $(STAMP) lint
	@QT_QPA_PLATFORM=offscreen $(PY) packaging/qt_deps.py --install
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

# Lint, format and types before the tests (also .pre-commit-config.yaml); settings in
# pyproject.toml. `.venv/bin/ruff format .` fixes what the format check finds.
lint: $(STAMP)
	$(VENV)/bin/ruff check --quiet .
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/mypy

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Desktop Reader needs Python >= 3.11 (found $$($(PYTHON) --version))"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

# Qt needs a few system libraries for the platform the app will use here (xcb under X11,
# wayland under Wayland); a child QApplication finds out. Missing ones are installed with
# apt-get as root, else the exact line to run is printed (packaging/qt_deps.py).
qt-deps: $(STAMP)
	@$(PY) packaging/qt_deps.py --install

screenshots: $(STAMP)
	@QT_QPA_PLATFORM=offscreen $(PY) packaging/qt_deps.py --install
	$(PY) -m tools.screenshots docs/screenshots
	$(PY) -m tools.story_screenshots docs/screenshots

clean:
	rm -rf $(VENV) build dist *.egg-info

# ---------------------------------------------------------------- packaging (see packaging/README.md)
XDG_DATA_HOME ?= $(HOME)/.local/share
APPSTREAM_ID  := io.github.desktopreader.DesktopReader
# The launcher the .desktop file runs: the one on PATH, else this checkout's venv.
LAUNCHER      ?= $(shell command -v desktop-reader || echo $(abspath $(VENV)/bin/desktop-reader))

# The menu entry, AppStream data and icon for the current user; registers the
# feed: URI and RSS/Atom file handlers.
install-desktop:
	install -Dm644 packaging/icons/desktop-reader.svg \
	  $(XDG_DATA_HOME)/icons/hicolor/scalable/apps/desktop-reader.svg
	install -Dm644 packaging/$(APPSTREAM_ID).metainfo.xml \
	  $(XDG_DATA_HOME)/metainfo/$(APPSTREAM_ID).metainfo.xml
	install -d $(XDG_DATA_HOME)/applications
	sed -e 's|^Exec=desktop-reader|Exec=$(LAUNCHER)|' -e 's|^TryExec=desktop-reader|TryExec=$(LAUNCHER)|' \
	  packaging/desktop-reader.desktop > $(XDG_DATA_HOME)/applications/desktop-reader.desktop
	-command -v update-desktop-database >/dev/null && \
	  update-desktop-database -q $(XDG_DATA_HOME)/applications
	-command -v gtk-update-icon-cache >/dev/null && \
	  gtk-update-icon-cache -q -f -t $(XDG_DATA_HOME)/icons/hicolor
	@echo "Installed for $$(id -un) under $(XDG_DATA_HOME) (runs $(LAUNCHER))"

uninstall-desktop:
	rm -f $(XDG_DATA_HOME)/applications/desktop-reader.desktop \
	  $(XDG_DATA_HOME)/metainfo/$(APPSTREAM_ID).metainfo.xml \
	  $(XDG_DATA_HOME)/icons/hicolor/scalable/apps/desktop-reader.svg
	-command -v update-desktop-database >/dev/null && \
	  update-desktop-database -q $(XDG_DATA_HOME)/applications

# The validators the desktop files are held to (Debian: desktop-file-utils, appstream).
check-desktop:
	desktop-file-validate packaging/desktop-reader.desktop
	appstreamcli validate --no-net packaging/$(APPSTREAM_ID).metainfo.xml

# A one-folder PyInstaller bundle in dist/desktop-reader/, then a smoke test of it.
# PyInstaller is a build tool only: installed here, not in the `test` extra.
bundle: $(STAMP)
	@QT_QPA_PLATFORM=offscreen $(PY) packaging/qt_deps.py --install
	$(PY) -m pip install --quiet "pyinstaller>=6.3"
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/desktop-reader.spec
	cd "$$(mktemp -d)" && QT_QPA_PLATFORM=offscreen DESKTOP_READER_DATA="$$PWD/data" \
	  $(CURDIR)/dist/desktop-reader/desktop-reader --smoke-test
