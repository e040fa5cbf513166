# planwatch — the two commands of the README's quick start, and the rest of the workflow.
#
#   make example   build and run planwatch on the shipped example
#   make test      run the whole test suite (unit, CLI and integration tests)
#
# Both install the Debian packages they need first (scripts/install-deps); `make test` also starts
# the real services the integration tests use: systemd-journald and a loopback-only Postfix
# (scripts/test-services).

SWIFT      ?= swift
BUILD_DIR  ?= .build
PLANWATCH   = $(BUILD_DIR)/debug/planwatch

.PHONY: all deps services build example test clean

all: build

deps:
	./scripts/install-deps

services: deps
	./scripts/test-services

build: deps
	$(SWIFT) build --build-path $(BUILD_DIR)

example: build
	./scripts/example

test: deps services
	$(SWIFT) test --build-path $(BUILD_DIR) --disable-xctest

clean:
	rm -rf $(BUILD_DIR)
