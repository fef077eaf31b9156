# sgdreport — the two commands a new user types (see README.md):
#   make        install what is missing, build, and build every study in studies/ into output/
#   make test   run the whole test suite
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libcairo2-dev fonts-dejavu-core

.PHONY: all deps build studies test clean

all: studies

# Debian packages the build needs, installed only when missing.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing $$missing (apt)…"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing \
	    || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; }; \
	fi

build: deps
	swift build -c release --product sgdreport

studies: build
	.build/release/sgdreport build

test: deps
	swift test

clean:
	rm -rf .build output
