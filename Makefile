# payloadlint — build, lint the shipped fixtures, test, benchmark.
# Every target installs what is missing on a Debian machine first (libpcre2-dev).

SWIFT ?= swift
# The shipped binary links the Swift runtime and Foundation statically: a pre-commit hook pays
# process start-up on every commit, and dynamic loading of Foundation/ICU costs more than the
# lint of a small payload. (Its own build folder: the tests build dynamically in .build.)
RELEASE_FLAGS = -c release --static-swift-stdlib --scratch-path .build-static
BIN = .build-static/release/payloadlint
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build lint test bench bench-peers rules clean

deps:
	@pkg-config --exists libpcre2-8 2>/dev/null || { \
	  echo "installing libpcre2-dev (pkg-config cannot find libpcre2-8)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libpcre2-dev pkg-config; }

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product payloadlint

# The main job: every shipped fixture through the built-in rules. Most fixtures are invalid on
# purpose, so findings (exit 1) are the expected outcome; a usage or rule-file error (exit 2)
# fails the target.
lint: build
	@$(BIN) lint Fixtures; status=$$?; \
	  if [ $$status -ge 2 ]; then echo "payloadlint failed (exit $$status)" >&2; exit $$status; fi; \
	  echo "payloadlint: exit $$status (1 = findings, as the invalid fixtures intend)"

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	$(SWIFT) build -c release --product PayloadLintBench
	.build/release/PayloadLintBench

# payloadlint against jsonschema-rs, fastjsonschema, ajv, check-jsonschema, simdjson, yajl on the
# same corpus (ARGS="--quick" for a 2-minute run; ARGS="--install" installs missing peers).
bench-peers: deps
	Benchmarks/bench-peers.sh $(ARGS)

# Re-embed rules/ into the library after editing them.
rules:
	python3 Scripts/embed-rules.py

clean:
	rm -rf .build .build-static
