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

# `make bench`: Abri side by side with its references (libsodium from C, age), in one run; prints the
# table and writes Docs/BENCHMARKS.md. Never part of `make test`; never fails on a time. It builds a
# snapshot of the committed sources (HEAD), so that edits in progress cannot change a long run.
BENCH_SRC = .build-bench-src

.PHONY: bench
bench: deps
	rm -rf $(BENCH_SRC) && mkdir -p $(BENCH_SRC)/Benchmarks .build-bench
	git archive HEAD Package.swift Sources Tests | tar -x -C $(BENCH_SRC)
	if [ -f Package.resolved ]; then cp Package.resolved $(BENCH_SRC)/; fi
	cp -R Benchmarks/Package.swift Benchmarks/Sources $(BENCH_SRC)/Benchmarks/
	cc -O2 -o .build-bench/primitives Benchmarks/c/primitives.c $$(pkg-config --cflags --libs libsodium)
	$(SWIFT) build -c release --package-path $(BENCH_SRC) --scratch-path .build-bench-root --product abri
	$(SWIFT) build -c release --package-path $(BENCH_SRC)/Benchmarks --scratch-path .build-bench-pkg
	python3 Benchmarks/bench.py $(BENCH_STEPS)
