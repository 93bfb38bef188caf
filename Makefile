# Abri: `make demo` tells the whole story on a temporary vault; `make test` runs every test.
# Both install what is missing first (libsodium-dev through apt).

SWIFT ?= swift
BIN_DIR = .build/debug
RELEASE_DIR = .build/release
PREFIX ?= /usr/local

.PHONY: all deps build release demo test install clean

all: build

deps:
	@if ! pkg-config --exists libsodium 2>/dev/null; then \
		echo "installing libsodium-dev (apt)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libsodium-dev pkg-config >/dev/null; \
	fi
	@if ! pkg-config --exists sqlite3 2>/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq libsqlite3-dev >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: build
	$(BIN_DIR)/abri demo

test: deps
	$(SWIFT) build --build-tests
	ABRI_BIN=$(CURDIR)/$(BIN_DIR)/abri $(SWIFT) test --skip-build

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(RELEASE_DIR)/abri $(DESTDIR)$(PREFIX)/bin/abri

clean:
	rm -rf .build
