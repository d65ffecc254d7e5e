# payloadlint — build, lint the shipped fixtures, test, benchmark.
# Every target installs what is missing on a Debian machine first (libpcre2-dev).

SWIFT ?= swift
# The shipped binary links the Swift runtime and Foundation statically: a pre-commit hook pays
# process start-up on every commit, and dynamic loading of Foundation/ICU costs more than the
# lint of a small payload. (Its own build folder: the tests build dynamically in .build.)
# -prespecialize-generic-metadata: the generic types' metadata the code names are built at compile
# time, not looked up by mangled name on first use (0.5 ms of a 6 ms run on one small file).
# The link lays the binary out for a cold page cache (BENCHMARKS.md, fifteenth and sixteenth
# passes; Scripts/link): lld, one section per function, the relocated and writable data before
# .text and the functions a run executes first in it (Scripts/link/startup-order.txt, `make
# startup-order` renews it), ICU's data out of the way (Scripts/link/layout.ld) and packed
# relative relocations. LINK_LAYOUT=plain links without the layout script and the order (for
# valgrind); without ld.lld (beside the toolchain's `swift` or on PATH) the binary is linked the
# default way. Packed relocations (DT_RELR) need glibc 2.36 to run, so they are used only when the
# building machine has it (the binary then needs it too).
LINK_LAYOUT ?= cold-start
ifeq ($(filter $(LINK_LAYOUT),cold-start plain),)
$(error LINK_LAYOUT is cold-start (the default) or plain, not '$(LINK_LAYOUT)')
endif
SWIFT_PATH := $(shell command -v $(SWIFT) 2>/dev/null)
LLD := $(or $(if $(SWIFT_PATH),$(wildcard $(dir $(realpath $(SWIFT_PATH)))ld.lld)),$(shell command -v ld.lld 2>/dev/null))
GLIBC_RELR := $(shell getconf GNU_LIBC_VERSION 2>/dev/null | awk '{ split($$2, v, "."); if (v[1] > 2 || (v[1] == 2 && v[2] >= 36)) print "yes" }')
LAYOUT_INPUTS = Scripts/link/startup-order.txt Scripts/link/layout.ld
ifneq ($(LLD),)
LAYOUT_FLAGS = -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xswiftc -use-ld=lld
ifeq ($(GLIBC_RELR),yes)
LAYOUT_FLAGS += -Xlinker -z -Xlinker pack-relative-relocs
endif
ifneq ($(LINK_LAYOUT),plain)
LAYOUT_FLAGS += -Xlinker --symbol-ordering-file=$(CURDIR)/Scripts/link/startup-order.txt \
	-Xlinker --no-warn-symbol-ordering -Xlinker -T$(CURDIR)/Scripts/link/layout.ld
endif
# LINK_MAP=file: lld writes its map of the link there, with names as in the symbol table
# (`make startup-order` reads it).
ifneq ($(LINK_MAP),)
LAYOUT_FLAGS += -Xlinker -Map=$(LINK_MAP) -Xlinker --no-demangle
endif
endif
RELEASE_FLAGS = -c release --static-swift-stdlib --scratch-path .build-static \
	-Xswiftc -Xfrontend -Xswiftc -prespecialize-generic-metadata $(LAYOUT_FLAGS)
BIN = .build-static/release/payloadlint
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build lint test bench bench-peers rules startup-order clean

deps:
	@pkg-config --exists libpcre2-8 2>/dev/null || { \
	  echo "installing libpcre2-dev (pkg-config cannot find libpcre2-8)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpcre2-dev pkg-config; }

build: deps
	@[ -n "$(LLD)" ] || echo "note: no ld.lld beside $(SWIFT) or on PATH: linking without the cold-start layout" >&2
	@# The layout files are the link's inputs, which SwiftPM does not know: a change relinks.
	@for f in $(LAYOUT_INPUTS); do if [ -f $(BIN) ] && [ $$f -nt $(BIN) ]; then rm -f $(BIN); fi; done
	$(SWIFT) build $(RELEASE_FLAGS) --product payloadlint
	@# Checked once per link, not on every build (it reads the binary's 80 MB symbol table).
	@if [ -n "$(LLD)" ] && [ "$(LINK_LAYOUT)" != plain ] && \
	  { [ ! -e $(BIN).layout-checked ] || [ $(BIN) -nt $(BIN).layout-checked ]; }; then \
	  python3 Scripts/link/check-layout.py $(BIN) && touch $(BIN).layout-checked; fi

# The main job: every shipped fixture through the built-in rules. Most fixtures are invalid on
# purpose, so findings (exit 1) are the expected outcome; a usage or rule-file error (exit 2)
# fails the target.
lint: build
	@$(BIN) lint Fixtures; status=$$?; \
	  if [ $$status -ge 2 ]; then echo "payloadlint failed (exit $$status)" >&2; exit $$status; fi; \
	  echo "payloadlint: exit $$status (1 = findings, as the invalid fixtures intend)"

# The whole suite on the debug build, then the end-to-end tests again against the release binary
# users run (`make lint`): static, and laid out by the link (Scripts/link), which the debug build
# is not.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) --no-print-directory build
	PAYLOADLINT_BIN=$(CURDIR)/$(BIN) $(SWIFT) test --skip-build --filter CLITests

bench: deps
	$(SWIFT) build -c release --product PayloadLintBench
	.build/release/PayloadLintBench

# payloadlint against jsonschema-rs, fastjsonschema, ajv, check-jsonschema, simdjson, yajl on the
# same corpus (ARGS="--quick" for a 2-minute run; ARGS="--install" installs missing peers).
bench-peers: deps
	Benchmarks/bench-peers.sh $(ARGS)

# Renew Scripts/link/startup-order.txt (valgrind; a few minutes) after changes to what a run
# executes, then relink with it. The plain link is redone (rm) so that lld writes its map.
startup-order: deps
	rm -f $(BIN) .build-static/payloadlint.map
	$(MAKE) --no-print-directory build LINK_LAYOUT=plain LINK_MAP=$(CURDIR)/.build-static/payloadlint.map
	python3 Scripts/startup-order.py --map .build-static/payloadlint.map $(BIN)
	$(MAKE) --no-print-directory build

# Re-embed rules/ into the library after editing them.
rules:
	python3 Scripts/embed-rules.py

clean:
	rm -rf .build .build-static

# Fuzzing (HARDENING.md): libFuzzer with AddressSanitizer, one target at a time, one job (a shared
# 2-core machine). FUZZ_TIME seconds per target; FUZZ_TARGETS to pick. Seeds come from Fixtures/,
# rules/ and ../shared/conformance (Fuzz/make-corpus.py); the corpus grows in fuzz-corpus/<target>/
# and findings land in fuzz-artifacts/<target>/ (both ignored by git). Replay a finding without
# the sanitizer: `swift run FuzzReader fuzz-artifacts/reader/crash-…`. Leak detection is off: LeakSanitizer
# reports buffers inside the (uninstrumented) Foundation and Swift runtime as leaks.
FUZZ_TIME ?= 600
FUZZ_TARGETS ?= reader lint rules
FUZZ_FLAGS ?=
FUZZ_BUILD = $(SWIFT) build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING --scratch-path .build-fuzz
CONFORMANCE ?= ../shared/conformance

.PHONY: fuzz
fuzz: deps
	python3 Fuzz/make-corpus.py fuzz-corpus $(CONFORMANCE)
	@failed=""; for t in $(FUZZ_TARGETS); do \
	  case $$t in reader) p=FuzzReader; len=4096;; lint) p=FuzzLint; len=4096;; rules) p=FuzzRules; len=16384;; \
	    *) echo "unknown fuzz target $$t (reader, lint, rules)" >&2; exit 2;; esac; \
	  $(FUZZ_BUILD) --product $$p || exit 2; \
	  mkdir -p fuzz-artifacts/$$t; \
	  echo "== fuzz $$t for $(FUZZ_TIME)s (log: fuzz-artifacts/$$t.log)"; \
	  status=0; SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/$$p fuzz-corpus/$$t -max_total_time=$(FUZZ_TIME) \
	    -max_len=$$len -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
	    -artifact_prefix=fuzz-artifacts/$$t/ $(FUZZ_FLAGS) >fuzz-artifacts/$$t.log 2>&1 || status=$$?; \
	  grep -E '^(#[0-9]+ +(INITED|DONE)|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|==[0-9]+==ERROR|SUMMARY|Test unit written)' fuzz-artifacts/$$t.log; \
	  if [ $$status -ne 0 ]; then echo "fuzz $$t: FINDING (exit $$status), see fuzz-artifacts/$$t/" >&2; failed="$$failed $$t"; fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: findings in$$failed" >&2; exit 1; fi
