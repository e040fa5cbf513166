# planwatch — the two commands of the README's quick start, and the rest of the workflow.
#
#   make example   build and run planwatch on the shipped example
#   make test      run the whole test suite (unit, CLI and integration tests)
#   make fuzz      fuzz the readers, calendar expressions and templates for a fixed time (not part of
#                  `make test` or CI; FUZZ_SECONDS per target, see docs/fuzzing.md)
#
# Both install the Debian packages they need first (scripts/install-deps); `make test` also starts
# the real services the integration tests use: systemd-journald and a loopback-only Postfix
# (scripts/test-services).

SWIFT         ?= swift
BUILD_DIR     ?= .build
CONFIGURATION ?= release
# Extra flags for the build of `make install` (`make deb` passes --static-swift-stdlib).
SWIFT_BUILD_FLAGS ?=
# The man page comes from swift-argument-parser's generate-manual plugin, which builds every product
# of the package (without SWIFT_BUILD_FLAGS) in MAN_BUILD_DIR: `make deb` points it at the debug
# build of `make test`, so that it does not rebuild the static release build without its flag.
MAN_BUILD_DIR     ?= $(BUILD_DIR)
MAN_CONFIGURATION ?= $(CONFIGURATION)
PLANWATCH      = $(BUILD_DIR)/debug/planwatch

# The Debian package (make deb): built from a release build of its own, into dist/. VERSION defaults
# to what the binary prints (planwatch --version); `make deb VERSION=0.1.1` re-packs the same binary.
DEB_BUILD_DIR ?= .build-release
DIST_DIR      ?= dist
VERSION       ?=

# Fuzzing (make fuzz FUZZ_SECONDS=… FUZZ_TARGETS=… FUZZ_JOBS=…)
FUZZ_BUILD_DIR ?= .build-fuzz
FUZZ_SECONDS   ?= 60
FUZZ_TARGETS   ?= yaml json csv calendar template
FUZZ_JOBS      ?= 1

# Installation (make install DESTDIR=… PREFIX=…)
DESTDIR       ?=
PREFIX        ?= /usr
SYSCONFDIR    ?= /etc
BINDIR         = $(PREFIX)/bin
LIBDIR         = $(PREFIX)/lib
DATADIR        = $(PREFIX)/share
UNITDIR       ?= $(LIBDIR)/systemd/system

.PHONY: all deps services build example test fuzz check-units booted-test install deb clean

all: build

deps:
	./scripts/install-deps

services: deps
	./scripts/test-services

build: deps
	$(SWIFT) build --build-path $(BUILD_DIR)

example: build
	./scripts/example

# The suite runs one test at a time (--no-parallel): most integration tests wait on a process, a mail
# or a server with the thread they run on, and swift-testing runs tests on the cooperative pool, one
# thread per core. On a 2-core machine the tests that keep time (a lease's trust, an operation's time
# limit) then wait so long for a thread that they fail; one at a time the suite takes about 5 minutes.
test: deps services
	$(SWIFT) test --build-path $(BUILD_DIR) --disable-xctest --no-parallel
	./scripts/check-units
	./scripts/booted-test

# libFuzzer on each target in turn; the driver exists only in this build (PLANWATCH_FUZZ=1), linked
# with lld, which lets its own main stand beside libFuzzer's.
fuzz:
	PLANWATCH_FUZZ=1 $(SWIFT) build --build-path $(FUZZ_BUILD_DIR) -c release \
	  -Xswiftc -sanitize=fuzzer -Xswiftc -use-ld=lld --product planwatch-fuzz
	FUZZ_BUILD_DIR=$(FUZZ_BUILD_DIR) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" \
	  FUZZ_JOBS=$(FUZZ_JOBS) ./scripts/fuzz

# Installs the binary, units, catalog, tmpfiles/sysusers, shipped rules, the configuration (never
# overwriting one that exists), the man page and shell completions.
install: deps
	$(SWIFT) build --build-path $(BUILD_DIR) -c $(CONFIGURATION) --product planwatch $(SWIFT_BUILD_FLAGS)
	install -D -m 0755 $(BUILD_DIR)/$(CONFIGURATION)/planwatch $(DESTDIR)$(BINDIR)/planwatch
	for unit in planwatch.service planwatch-deliver.service planwatch-deliver.path planwatch-deliver.timer; do \
	  sed 's|/usr/bin/planwatch|$(BINDIR)/planwatch|g; s|/etc/planwatch/|$(SYSCONFDIR)/planwatch/|g' systemd/$$unit > $(BUILD_DIR)/$$unit.tmp; \
	  install -D -m 0644 $(BUILD_DIR)/$$unit.tmp $(DESTDIR)$(UNITDIR)/$$unit; rm -f $(BUILD_DIR)/$$unit.tmp; \
	done
	install -D -m 0644 systemd/planwatch.catalog $(DESTDIR)$(LIBDIR)/systemd/catalog/planwatch.catalog
	install -D -m 0644 systemd/planwatch.tmpfiles $(DESTDIR)$(LIBDIR)/tmpfiles.d/planwatch.conf
	install -D -m 0644 systemd/planwatch.sysusers $(DESTDIR)$(LIBDIR)/sysusers.d/planwatch.conf
	find rules -name '*.yaml' | while read -r file; do \
	  install -D -m 0644 "$$file" "$(DESTDIR)$(DATADIR)/planwatch/$$file"; done
	install -d -m 0755 $(DESTDIR)$(SYSCONFDIR)/planwatch/rules.d
	[ -e $(DESTDIR)$(SYSCONFDIR)/planwatch/planwatch.yaml ] || install -D -m 0644 etc/planwatch.yaml $(DESTDIR)$(SYSCONFDIR)/planwatch/planwatch.yaml
	install -D -m 0644 etc/planwatch.yaml $(DESTDIR)$(DATADIR)/doc/planwatch/planwatch.yaml.example
	install -D -m 0644 README.md $(DESTDIR)$(DATADIR)/doc/planwatch/README.md
	for dropin in systemd/high-availability/*.conf; do \
	  install -D -m 0644 "$$dropin" "$(DESTDIR)$(DATADIR)/doc/planwatch/high-availability/$$(basename "$$dropin")"; done
	mkdir -p $(BUILD_DIR)/man
	$(SWIFT) package --build-path $(MAN_BUILD_DIR) --allow-writing-to-directory $(BUILD_DIR)/man generate-manual \
	  --configuration $(MAN_CONFIGURATION) --output-directory $(BUILD_DIR)/man
	sed 's/^$$/.Pp/' $(BUILD_DIR)/man/planwatch.1 > $(BUILD_DIR)/man/planwatch.1.tmp
	install -D -m 0644 $(BUILD_DIR)/man/planwatch.1.tmp $(DESTDIR)$(DATADIR)/man/man1/planwatch.1; rm -f $(BUILD_DIR)/man/planwatch.1.tmp
	$(BUILD_DIR)/$(CONFIGURATION)/planwatch --generate-completion-script bash > $(BUILD_DIR)/planwatch.bash
	$(BUILD_DIR)/$(CONFIGURATION)/planwatch --generate-completion-script zsh > $(BUILD_DIR)/_planwatch
	$(BUILD_DIR)/$(CONFIGURATION)/planwatch --generate-completion-script fish > $(BUILD_DIR)/planwatch.fish
	install -D -m 0644 $(BUILD_DIR)/planwatch.bash $(DESTDIR)$(DATADIR)/bash-completion/completions/planwatch
	install -D -m 0644 $(BUILD_DIR)/_planwatch $(DESTDIR)$(DATADIR)/zsh/site-functions/_planwatch
	install -D -m 0644 $(BUILD_DIR)/planwatch.fish $(DESTDIR)$(DATADIR)/fish/vendor_completions.d/planwatch.fish
	if [ -z "$(DESTDIR)" ]; then journalctl --update-catalog || true; fi

# Installs into a scratch root and checks the units (systemd-analyze verify, security exposure).
check-units:
	./scripts/check-units

# dist/planwatch_VERSION_amd64.deb (scripts/build-deb; lintian runs on it).
deb: deps
	SWIFT="$(SWIFT)" BUILD_DIR="$(DEB_BUILD_DIR)" MAN_BUILD_DIR="$(BUILD_DIR)" DIST_DIR="$(DIST_DIR)" VERSION="$(VERSION)" \
	  ./scripts/build-deb

# The package under systemd 252 as PID 1 in a container (part of `make test`).
booted-test:
	./scripts/booted-test

clean:
	rm -rf $(BUILD_DIR) $(DIST_DIR) $(FUZZ_BUILD_DIR)
