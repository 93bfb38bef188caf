# Abri: `make demo` tells the whole story on a temporary vault; `make test` runs every test.
# Both install what is missing first (libsodium-dev, and for the tests tmux, sqlite3, faketime, PostgreSQL and
# Chromium with chromedriver, through apt).

SWIFT ?= swift
BIN_DIR = .build/debug
RELEASE_DIR = .build/release
PREFIX ?= /usr/local

.PHONY: all deps build release demo test install clean soak

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
	@# The hub's tests start a throwaway PostgreSQL cluster of their own (initdb, pg_ctl, psql).
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then \
		echo "installing postgresql (apt)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq postgresql postgresql-client >/dev/null; \
	fi
	@# The web interface's tests drive Debian's headless Chromium through chromedriver (WebDriver).
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
		echo "installing chromium chromium-driver (apt)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi
	@# The tests drive a real terminal (tmux), inspect and damage vault files (sqlite3) and move the
	@# binary's clock (faketime): a missing tool fails its test, it is never skipped.
	@missing=; for tool in tmux sqlite3 faketime; do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing (apt)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

# The story on one vault, narrated; then two organisations on two machines sharing a case through a local hub.
demo: build
	$(BIN_DIR)/abri demo
	scripts/demo-hub.sh $(BIN_DIR)

# Tests run one at a time: they start thousands of processes, through posix_spawn (Tests/AbriCLITests/Harness/
# Child.swift), because Foundation's Process on Linux crashes now and then inside run(). The suites that leave a
# background process behind them (the agent) run in a test process of their own, after the others.
DAEMON_SUITES = AgentTests|AgentSocketTests
test: deps
	$(SWIFT) build --build-tests
	ABRI_BIN=$(CURDIR)/$(BIN_DIR)/abri $(SWIFT) test --skip-build --no-parallel --skip "$(DAEMON_SUITES)"
	ABRI_BIN=$(CURDIR)/$(BIN_DIR)/abri $(SWIFT) test --skip-build --no-parallel --filter "$(DAEMON_SUITES)"

# `make install`: the binary, the man page (abri(1), from every command's help) and the bash, zsh
# and fish completions, under $(PREFIX). `make docs` rewrites Docs/CLI.md from the debug build.
MAN_DIR = $(DESTDIR)$(PREFIX)/share/man/man1
install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(MAN_DIR) $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 0755 $(RELEASE_DIR)/abri $(DESTDIR)$(PREFIX)/bin/abri
	rm -rf .build/man && ABRI_BIN=$(CURDIR)/$(RELEASE_DIR)/abri scripts/gen-cli-doc.sh --stdout --man .build/man >/dev/null
	install -m 0644 .build/man/abri.1 $(MAN_DIR)/abri.1
	$(RELEASE_DIR)/abri --generate-completion-script bash > .build/abri.bash
	$(RELEASE_DIR)/abri --generate-completion-script zsh > .build/_abri
	$(RELEASE_DIR)/abri --generate-completion-script fish > .build/abri.fish
	install -m 0644 .build/abri.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/abri
	install -m 0644 .build/_abri $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_abri
	install -m 0644 .build/abri.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/abri.fish

.PHONY: docs
docs: build
	ABRI_BIN=$(CURDIR)/$(BIN_DIR)/abri scripts/gen-cli-doc.sh

clean:
	rm -rf .build

# `make bench`: Abri side by side with its references (libsodium from C, age), in one run; prints the
# table and writes Docs/BENCHMARKS.md. `make bench BENCH_STEPS=hub` measures the hub alone (a throwaway
# PostgreSQL cluster on loopback); steps: primitives, cli, hub. Never part of `make test`; never fails on a
# time. It builds a snapshot of the committed sources (HEAD), so that edits in progress cannot change a long run.
BENCH_SRC = .build-bench-src

.PHONY: bench
bench: deps
	@# The attachments' reference is age (age and age-keygen); commands are timed by hyperfine (Debian's packages).
	@missing=; for tool in age age-keygen hyperfine; do command -v $$tool >/dev/null 2>&1 || missing="$$missing $$tool"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing age hyperfine (apt)"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq age hyperfine >/dev/null; \
	fi
	rm -rf $(BENCH_SRC) && mkdir -p $(BENCH_SRC)/Benchmarks .build-bench
	git archive HEAD Package.swift Sources Tests | tar -x -C $(BENCH_SRC)
	if [ -f Package.resolved ]; then cp Package.resolved $(BENCH_SRC)/; fi
	cp -R Benchmarks/Package.swift Benchmarks/Sources $(BENCH_SRC)/Benchmarks/
	cc -O2 -o .build-bench/primitives Benchmarks/c/primitives.c $$(pkg-config --cflags --libs libsodium)
	$(SWIFT) build -c release --package-path $(BENCH_SRC) --scratch-path .build-bench-root --product abri
	$(SWIFT) build -c release --package-path $(BENCH_SRC) --scratch-path .build-bench-root --product abri-hub
	$(SWIFT) build -c release --package-path $(BENCH_SRC)/Benchmarks --scratch-path .build-bench-pkg
	python3 Benchmarks/bench.py $(BENCH_STEPS)

# Reliability evidence (Fuzz/, scripts/). None of these runs in `make test`; each builds in a scratch path of its own.
# `make fuzz`: every libFuzzer target of Fuzz/ for FUZZ_SECONDS each (new inputs and crashes in fuzz-out/).
# `make fuzz-seeds`: remake Fuzz/corpus/ from real outputs of the debug binary.
# `make crash-test`: SIGKILL each writing command many times (CRASH_ITERATIONS per command) and check the vault.
# `make check-sanitizers`: the whole test suite under AddressSanitizer, then ThreadSanitizer.
FUZZ_SECONDS ?= 120
FUZZ_JOBS ?= 1
CRASH_ITERATIONS ?= 25

.PHONY: fuzz fuzz-seeds crash-test check-sanitizers
fuzz: deps
	SWIFT_BACKTRACE=enable=no FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) SWIFT=$(SWIFT) scripts/fuzz.sh

fuzz-seeds: build
	ABRI_BIN=$(CURDIR)/$(BIN_DIR)/abri scripts/make-fuzz-seeds.sh

crash-test: build
	ABRI_BIN=$(CURDIR)/$(BIN_DIR)/abri CRASH_ITERATIONS=$(CRASH_ITERATIONS) scripts/crash-harness.sh

# The library and crypto tests run sanitized in process; the CLI tests run the plain debug binary, because the
# harness gives the binary a clean environment (no ASAN_OPTIONS) and LeakSanitizer would fail every run at exit
# on the crash guard's signal stack, which is kept on purpose. Leak detection is off for the test process too:
# Foundation's Process leaks on Linux.
# `make soak`: four processes deposit, share, open and rotate on one vault at once (ConcurrencyTests).
soak: deps
	$(SWIFT) build --build-tests
	ABRI_SOAK=1 ABRI_BIN=$(CURDIR)/$(BIN_DIR)/abri $(SWIFT) test --skip-build --filter ConcurrencyTests

check-sanitizers: build
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	ASAN_OPTIONS=detect_leaks=0 ABRI_BIN=$(CURDIR)/$(BIN_DIR)/abri $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	# ThreadSanitizer watches this process's threads: the library and crypto suites are where they are
	# (the CLI suites' threads only launch the plain binary, and take over a quarter of an hour under it).
	$(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread --filter "AbriVaultTests|AbriCryptoTests"
