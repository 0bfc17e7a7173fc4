# The two commands of the README, and the benchmarks.
BUILD ?= build
CTEST_ARGS ?=

.PHONY: run test bench build clean

build:
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
	@cmake --build $(BUILD)

run:
	@scripts/setup run
	@$(MAKE) --no-print-directory build
	./$(BUILD)/workspace

test:
	@scripts/setup test
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure --timeout 600 -j 2 $(CTEST_ARGS)

bench:
	@scripts/setup bench
	@$(MAKE) --no-print-directory build
	bench/run

clean:
	rm -rf $(BUILD)
