# The two commands of the README, and the benchmarks.
BUILD ?= build
CTEST_ARGS ?=

.PHONY: run test bench fuzz build clean

build:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	@cmake --build $(BUILD)

run:
	@scripts/setup run
	@$(MAKE) --no-print-directory build
	./$(BUILD)/workspace

# The tests run jobs in a real container engine (Podman's Docker-API service), started here from
# ../shared/tools and stopped after, whatever the tests' outcome.
ENGINE = ../shared/tools/container-engine

test:
	@scripts/setup test
	@$(MAKE) --no-print-directory build
	@host=$$($(ENGINE) up | sed -n 's/^DOCKER_HOST=//p'); \
	 test -n "$$host" || { echo "make test: the container engine did not start" >&2; exit 1; }; \
	 cd $(BUILD) && DOCKER_HOST=$$host ctest --output-on-failure --timeout 600 -j 2 $(CTEST_ARGS); \
	 status=$$?; cd $(CURDIR) && $(ENGINE) down; exit $$status

# The fuzzers alone, each for FUZZ_SECONDS (10 minutes by default; `make test` gives them 20 s).
fuzz:
	@scripts/setup test
	@$(MAKE) --no-print-directory build
	@cd $(BUILD) && FUZZ_SECONDS=$${FUZZ_SECONDS:-600} ctest --output-on-failure -j 2 -L fuzz

bench:
	@scripts/setup bench
	@$(MAKE) --no-print-directory build
	bench/run

clean:
	rm -rf $(BUILD)
