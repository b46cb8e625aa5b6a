# chartmirror — the commands a developer needs. Each target installs what it needs first
# (Debian packages; test tools cached under ~/.cache/chartmirror) and is safe to run again.
#
#   make demo     the main job on the local default (README)
#   make test     every test: unit + e2e, again under ASan+UBSan, then format and lint checks
#   make format   apply clang-format        make lint   clang-tidy over the sources

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
SOURCES     = $(shell git ls-files '*.cpp' '*.h' 2>/dev/null)

.PHONY: all deps tools build test test-unit test-asan demo format format-check lint clean

all: build

deps:
	@scripts/install-deps.sh

tools: deps
	@e2e/env/install-tools.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo

$(ASAN_BUILD)/build.ninja: | deps
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCHARTMIRROR_SANITIZE=ON

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

test: tools build
	cd $(BUILD) && ctest --output-on-failure -j 2
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory format-check
	$(MAKE) --no-print-directory lint

# The whole suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: tools $(ASAN_BUILD)/build.ninja
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ctest --output-on-failure -j 2

test-unit: build
	cd $(BUILD) && ctest --output-on-failure -L unit

demo: tools build
	@e2e/demo.sh $(BUILD)

format: deps
	clang-format -i $(SOURCES)

format-check: deps
	clang-format --dry-run -Werror $(SOURCES)

lint: build
	run-clang-tidy -quiet -p $(BUILD) $(addprefix $(CURDIR)/,$(filter %.cpp,$(SOURCES))) \
	  > $(BUILD)/clang-tidy.log 2>&1 || { cat $(BUILD)/clang-tidy.log; exit 1; }
	@echo "clang-tidy: clean"

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
