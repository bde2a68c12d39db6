# The two commands of the README, `make serve` and `make test`, each install
# what they need on a fresh Debian machine (root, or sudo) and then run.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT
export FLASK_APP := service
# nginx lives in /usr/sbin, which not every environment has on PATH.
export PATH := $(PATH):/usr/sbin:/sbin

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages, named by the command each provides: what serving needs, and
# what the tests and benchmarks add (a real browser for accessibility checks,
# npm for axe-core, the HTML checker and DAISY Ace, Java to run that checker
# and EPUBCheck, ffprobe to read the MP3's chapters, nginx, wrk and lame as
# the reference points of the benchmarks). A command already on the machine
# (from any package) is not installed again; a package without a command is
# named by a file it installs (a path, starting with /). The tests render
# Arabic and Persian pages, so Chromium needs fonts with those glyphs.
APT_SERVE := espeak-ng:espeak-ng
ARABIC_FONT := /usr/share/fonts/truetype/noto/NotoSansArabicUI-Regular.ttf
APT_TEST := $(APT_SERVE) chromium:chromium npm:npm java:default-jre-headless nginx:nginx wrk:wrk lame:lame \
	$(ARABIC_FONT):fonts-noto-ui-core /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core \
	/usr/share/java/epubcheck.jar:epubcheck ffprobe:ffmpeg
STAMP := $(VENV)/.stamp

.PHONY: serve test check bench soak catalogs apt-serve apt-test node-deps clean

serve: apt-serve $(STAMP) catalogs
	$(BIN)/gunicorn --config gunicorn.conf.py

test: apt-test $(STAMP) catalogs node-deps
	$(BIN)/python -m pytest

# The tests marked neither slow (a browser, gunicorn, nginx, an export, a load
# test) nor speech (a real speech worker), for an answer in seconds while
# working. `make test` runs everything.
check: apt-serve $(STAMP) catalogs
	$(BIN)/python -m pytest -m "not slow and not speech"

bench: apt-test $(STAMP) catalogs
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/load.py --seconds 30 --connections 64

# Fresh speech workers per voice, judged for off-rate audio (README, Measured).
STARTS ?= 300
soak: apt-test $(STAMP) catalogs
	$(BIN)/python benchmarks/soak.py --starts $(STARTS)

catalogs: $(STAMP)
	$(BIN)/flask translations compile

# Installs the Debian packages whose commands (or files) are missing; quiet when all are there.
define apt_install
	@missing=$$(for pair in $(1); do need=$${pair%%:*}; \
	  if [ "$${need#/}" != "$$need" ]; then [ -e "$$need" ]; else command -v "$$need" >/dev/null 2>&1; fi || echo $${pair#*:}; \
	  done); \
	if ! $(PYTHON) -c 'import ensurepip' 2>/dev/null; then missing="$$missing python3-venv"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

apt-serve:
	$(call apt_install,$(APT_SERVE))

apt-test:
	$(call apt_install,$(APT_TEST))

$(STAMP): setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

node-deps: tests/browser/node_modules/.stamp

# DAISY Ace runs in Debian's Chromium: neither Electron's nor Puppeteer's own browser is fetched.
tests/browser/node_modules/.stamp: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) tests/browser/node_modules instance
	find translations -name '*.mo' -delete
