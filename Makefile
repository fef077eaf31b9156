# sgdreport — the two commands a new user types (see README.md):
#   make        install what is missing, build, and build every study in studies/ into output/
#   make test   run the whole test suite
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Chart text: Pango lays it out with fontconfig's fallback; DejaVu draws Latin, Greek, Arabic, Hebrew
# and digits, WenQuanYi Micro Hei Chinese, Japanese and Korean (5 MB, where Noto CJK takes 91 MB),
# Noto Color Emoji the emoji.
APT_PACKAGES := libcairo2-dev libpango1.0-dev libdeflate-dev fonts-dejavu-core fonts-wqy-microhei fonts-noto-color-emoji \
  libcmark-gfm-dev libcmark-gfm-extensions-dev libxlsxwriter-dev zlib1g-dev libminizip1
# The page test opens every built page in headless Chromium through its WebDriver; the workbook
# test recomputes every formula in headless LibreOffice Calc.
TEST_APT_PACKAGES := $(APT_PACKAGES) chromium chromium-driver libreoffice-calc-nogui python3

# Where `make install` puts the program and its templates (PREFIX/bin, PREFIX/share/sgdreport).
PREFIX ?= /usr/local

.PHONY: all deps test-deps install-missing install build studies gallery test test-asan test-strict fuzz bench clean

all: studies

# Debian packages the build (and for `make test`, the tests) need, installed only when missing.
deps:
	@$(MAKE) --no-print-directory install-missing PACKAGES="$(APT_PACKAGES)"

test-deps:
	@$(MAKE) --no-print-directory install-missing PACKAGES="$(TEST_APT_PACKAGES)"

install-missing:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing $$missing (apt)…"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing \
	    || { $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; }; \
	fi

# A build folder whose sources changed since its last successful build (a `git pull`) starts
# from scratch: Swift 6.3's incremental builds can keep a module's code compiled for another
# module's old struct layout (after a pull that added a stored property to SGDEngine's
# EpochTrace, the release program aborted with "malloc(): invalid size"). The stamp is the
# checksum of Package.swift and every file under DIRS.   $(call fresh-if-changed,CONFIG,DIRS)
define fresh-if-changed
sources=$$(cat Package.swift $$(find $(2) -type f | LC_ALL=C sort) | cksum); \
bin=$$(swift build -c $(1) --show-bin-path); \
if [ -d "$$bin" ] && [ "$$(cat .build/$(1)-sources.cksum 2>/dev/null)" != "$$sources" ]; then \
  echo "The sources changed since the last $(1) build: building it from scratch."; \
  rm -rf "$$bin"; \
fi
endef

# Statically linked Swift runtime and Foundation: a build of the momentum study starts 5 ms sooner.
build: deps
	@$(call fresh-if-changed,release,Sources); \
	swift build -c release --static-swift-stdlib --product sgdreport && echo "$$sources" > .build/release-sources.cksum

studies: build
	.build/release/sgdreport build

# The program and the templates it finds beside it (PREFIX/share/sgdreport/Templates), so that
# sgdreport runs from anywhere; DESTDIR for packaging.
install: build
	install -D -m 755 .build/release/sgdreport $(DESTDIR)$(PREFIX)/bin/sgdreport
	rm -rf $(DESTDIR)$(PREFIX)/share/sgdreport/Templates
	mkdir -p $(DESTDIR)$(PREFIX)/share/sgdreport
	cp -R Templates $(DESTDIR)$(PREFIX)/share/sgdreport/Templates

test: test-deps
	@$(call fresh-if-changed,debug,Sources Tests); \
	swift build --build-tests && echo "$$sources" > .build/debug-sources.cksum
	swift test --skip-build

# The README's images, from a fresh build of the bundled studies (the page needs Chromium).
gallery: studies
	cp output/momentum/charts/momentum-on-sin-x.png output/momentum/charts/steps-of-1-then-0-5-undampened-momentum.png \
	   output/learning-rate/charts/final-error-against-learning-rate.png output/width/charts/final-error-against-width.png docs/gallery/
	cp output/collapse/charts/loss-per-step.png docs/gallery/collapse-loss-per-step.png
	cp output/relu/charts/derivatives-of-a-b-c-d.png docs/gallery/relu-derivatives.png
	cp output/optimizers/charts/intercept-b-per-epoch.png docs/gallery/optimizers-intercept.png
	cp output/optimizers/charts/each-optimizer-s-path-over-a-and-b.png docs/gallery/optimizers-landscape.png
	cp output/collapse/charts/the-path-up-the-valley-wall.png docs/gallery/collapse-landscape.png
	cp output/relu/charts/the-line-each-model-draws.png docs/gallery/relu-fit.png
	cp output/beat-the-line/charts/summary.png docs/gallery/beat-the-line-summary.png
	chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,1500 \
	  --screenshot=docs/gallery/page-momentum.png file://$(CURDIR)/output/momentum/index.html

# The test suite under AddressSanitizer (and LeakSanitizer, minus system libraries' caches).
test-asan: test-deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt:print_suppressions=0 \
	  swift test --sanitize=address --scratch-path .build-asan

# The whole package, tests included, with every warning an error.
test-strict: deps
	swift build --build-tests --scratch-path .build-strict -Xswiftc -warnings-as-errors

# Fuzz the study reader for FUZZ_SECONDS (default 600) with libFuzzer; see Fuzz/run.
FUZZ_SECONDS ?= 600
fuzz: deps
	Fuzz/run $(FUZZ_SECONDS)

# Speed and memory against matplotlib, gnuplot and a Python loop (see BENCHMARKS.md).
# (After `build`, whose release folder then matches the sources: the benchmark's own products
# are built into it.)
bench: build
	Benchmarks/run

clean:
	rm -rf .build output
