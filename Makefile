# The two commands that matter: `make run` and `make test` (see README.md).
BUILD_DIR ?= build
SANITIZE_DIR ?= build-sanitize
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
# Warnings are errors under CI, where CI=true is set.
FATAL_WARNINGS ?= $(if $(filter true,$(CI)),ON,OFF)
CMAKE_FLAGS ?=
# Paths inside the checkout are hashed relative to it, so clones share ccache hits.
export CCACHE_BASEDIR := $(CURDIR)

.PHONY: all deps configure build run test test-sanitize clean format package

all: build

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DFATAL_WARNINGS=$(FATAL_WARNINGS) $(CMAKE_FLAGS)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@scripts/run-dev $(BUILD_DIR)

test: build
	@scripts/with-test-services ctest --test-dir $(BUILD_DIR) -j2 --output-on-failure --timeout 600

test-sanitize: deps
	cmake -S . -B $(SANITIZE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAUTH_SANITIZE=address,undefined -DFATAL_WARNINGS=$(FATAL_WARNINGS) $(CMAKE_FLAGS)
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp \
	  scripts/with-test-services ctest --test-dir $(SANITIZE_DIR) -j2 --output-on-failure --timeout 900

format:
	git ls-files -z -- '*.cpp' '*.h' | xargs -0 clang-format -i

package: build
	cd $(BUILD_DIR) && cpack -G DEB

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR)
