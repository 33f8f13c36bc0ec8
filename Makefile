# The two commands of the README:
#   make demo   installs what is missing, builds, and runs `iop demo` on the built-in default data
#   make test   installs what is missing, builds, and runs every test suite
# Both are idempotent; a second run only rebuilds what changed.

PYTHON ?= python3
JOBS   ?= 2
VENV   := .venv
VPY    := $(VENV)/bin/python
STAMPS := build/stamps

# Everything a build depends on: a change to any of these rebuilds the Python package.
SOURCES := $(shell find include src apps bindings cmake data declarations -type f -not -name '*.pyc' 2>/dev/null) CMakeLists.txt pyproject.toml

.PHONY: demo test system-deps venv cpp-build cpp-test python-install python-test notebooks api-docs readme-figure docs asan-build asan-test embed-test wasm fuzz tsan catalogue bench bench-service bench-x12 test-scale bench-scale rolling-restart soak coverage clean

# make fuzz: each libFuzzer target for FUZZ_SECONDS, FUZZ_JOBS at a time (corpora kept in build/fuzz-corpus;
# with FUZZ_KEEP=1 what they grew is merged into tests/fuzz/corpus/, which ctest replays).
FUZZ_SECONDS ?= 600
FUZZ_JOBS    ?= $(JOBS)

demo: python-install
	$(VENV)/bin/iop demo

# Every step keeps both cores busy. The virtual environment is made beside the dev build (pip mostly
# unpacks). The C++ unit tests run once, under the sanitizers: the dev build leaves them out here
# (DEV_UNIT_TESTS=OFF; `make cpp-test` runs them with GCC). The sanitizer build runs niced beside the Python
# suites, which mostly keep one core busy: it takes the idle core, and both once they end (its log:
# build/asan-build.log). Its tests run after them.
test: system-deps
	$(MAKE) --no-print-directory -j2 cpp-test venv DEV_UNIT_TESTS=OFF
	$(MAKE) --no-print-directory python-install PIP_CONFIG=--config-settings=cmake.define.CMAKE_COMPILE_WARNING_AS_ERROR=ON
	@mkdir -p build
	( nice -n 10 $(MAKE) --no-print-directory asan-build > build/asan-build.log 2>&1; echo $$? > build/asan-build.status ) & \
	$(MAKE) --no-print-directory python-test notebooks api-docs docs DEV_UNIT_TESTS=OFF; status=$$?; wait; \
	if [ "$$(cat build/asan-build.status)" != 0 ]; then tail -n 50 build/asan-build.log; exit 1; fi; exit $$status
	$(MAKE) --no-print-directory asan-test embed-test DEV_UNIT_TESTS=OFF
	@echo "make test: all suites passed"

system-deps:
	@scripts/install-system-deps.sh

$(STAMPS)/venv: requirements.txt | system-deps
	@mkdir -p $(STAMPS)
	test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

venv: $(STAMPS)/venv

# The C++ library, the command, the C++ tests and the packaging tests (dev preset:
# warnings are errors). DEV_UNIT_TESTS=OFF leaves out what make test builds elsewhere: the unit tests (run
# under the sanitizers), the command (pip install . builds it optimised, warnings as errors, and the Python
# suites run it) and the C++ benchmarks (make bench builds and runs them).
DEV_UNIT_TESTS ?= ON
DEV_OPTIONS     = -DIOP_BUILD_UNIT_TESTS=$(DEV_UNIT_TESTS) -DIOP_BUILD_CLI=$(DEV_UNIT_TESTS) -DIOP_BUILD_BENCH=$(DEV_UNIT_TESTS)
DEV_CONFIGURE   = cmake --preset dev $(DEV_OPTIONS)
cpp-build: system-deps
	test -f build/dev/CMakeCache.txt || $(DEV_CONFIGURE)
	( for option in UNIT_TESTS CLI BENCH; do grep -qx "IOP_BUILD_$${option}:BOOL=$(DEV_UNIT_TESTS)" build/dev/CMakeCache.txt \
	  || exit 1; done ) || $(DEV_CONFIGURE)
	cmake --build --preset dev -j $(JOBS)

cpp-test: cpp-build
	ctest --preset dev -j $(JOBS)

# pip install . builds the same CMake targets with scikit-build-core, into .venv.
# CMAKE_BUILD_PARALLEL_LEVEL keeps the compiler jobs to $(JOBS) (ninja's default is every core + 2).
# Under `make test` iop's warnings are errors here, as in the dev build: this is the optimised GCC build, where
# -Wformat-truncation and -Wrestrict fire (PIP_CONFIG). `make demo` and a user's own `pip install .` keep them warnings,
# so a newer compiler's new warning cannot stop the main job.
PIP_CONFIG ?=
$(STAMPS)/python-install: $(STAMPS)/venv $(SOURCES)
	CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) $(VPY) -m pip install --quiet --disable-pip-version-check --no-build-isolation \
	  $(PIP_CONFIG) .
	@touch $@

python-install: $(STAMPS)/python-install

# The Python tests, then mypy --strict on the examples, a typing test file and the installed package
# (its stubs included).
python-test: python-install
	$(VPY) -m pytest -q tests/python
	$(VPY) -m mypy --strict examples tests/typing
	$(VPY) -m mypy --strict -p iop

# The Arrow, Parquet, Dask and Spark suites on larger data (make test runs them on small data):
# 1.2 million claim lines and 200,000 patients on a LocalCluster of two processes and Spark local[2].
test-scale: python-install
	IOP_SCALE_LONG=1 $(VPY) -m pytest -q tests/python/test_claims_aggregate.py tests/python/test_dask.py \
	  tests/python/test_spark.py

# The analyst notebooks of examples/notebooks/, run in the .venv's kernel (nbclient); their executed copies
# and the figures they save go to build/notebooks/ (about 30 s for the three).
notebooks: python-install
	$(VPY) -m pytest -q tests/notebooks

# The Python API reference (Sphinx: autodoc, napoleon, the executed notebooks through myst-nb) into
# build/python-api/html/, checked to hold every public name and the notebooks' figures, then every >>>
# example of it as a doctest; warnings are errors.
API_SRC := build/python-api/source
api-docs: notebooks
	rm -rf build/python-api && mkdir -p $(API_SRC)/notebooks $(API_SRC)/guides
	cp -r docs/python-api/. $(API_SRC)/
	cp docs/python.md docs/scaling.md docs/limits.md docs/api.md $(API_SRC)/guides/
	cp build/notebooks/*.ipynb $(API_SRC)/notebooks/
	IOP_SOURCE_ROOT=$(CURDIR) $(VPY) -m sphinx -W --keep-going -q -b html $(API_SRC) build/python-api/html
	$(VPY) docs/python-api/check_site.py build/python-api/html
	IOP_SOURCE_ROOT=$(CURDIR) $(VPY) -m sphinx -W --keep-going -q -b doctest $(API_SRC) build/python-api/doctest
	@echo "Python API reference: build/python-api/html/index.html"

# The figure of the README (docs/images/cost-curve.png), drawn from the examples.
readme-figure: python-install
	$(VPY) examples/readme_figure.py docs/images/cost-curve.png

docs: system-deps
	test -f build/dev/CMakeCache.txt || $(DEV_CONFIGURE)
	cmake --build --preset dev --target docs

# The C++ tests again under AddressSanitizer and UndefinedBehaviorSanitizer, built
# with Clang (warnings are errors), and each libFuzzer target: its corpus once and
# a 5-second smoke run. Not the command (its only C++ test is --version) nor the
# headers' one-by-one compile: the dev build has them.
asan-build: system-deps
	test -f build/clang-asan-ubsan/CMakeCache.txt || cmake --preset asan-ubsan
	cmake --build --preset asan-ubsan -j $(JOBS)

asan-test: asan-build
	ctest --preset asan-ubsan -j $(JOBS)

# The C ABI from C, Go (cgo), Node.js (koffi) and Java (JNA): each language's test
# asserts the examples' numbers and writes its responses, which must then be the
# exact bytes the iop command and Python give for the same requests.
EMBED_OUT := $(CURDIR)/build/embed
EMBED_LIB := $(CURDIR)/build/dev
embed-test: cpp-build python-install wasm
	@scripts/install-embed-deps.sh
	rm -rf $(EMBED_OUT) && mkdir -p $(EMBED_OUT)/c
	build/dev/tests/embed/c/iop_embed_c examples $(EMBED_OUT)/c
	cd tests/embed/go && CGO_CFLAGS="-I$(CURDIR)/include" \
	  CGO_LDFLAGS="-L$(EMBED_LIB) -Wl,-rpath,$(EMBED_LIB)" IOP_EMBED_OUT=$(EMBED_OUT)/go go test -count=1 ./...
	cd tests/embed/node && npm ci --no-audit --no-fund --loglevel=error && \
	  IOP_C_LIBRARY=$(EMBED_LIB)/libiop_c.so IOP_EMBED_OUT=$(EMBED_OUT)/node node --test
	cd tests/embed/java && mvn -B -q -Dstyle.color=never test -Diop.library.path=$(EMBED_LIB) \
	  -Diop.examples=$(CURDIR)/examples -Diop.out=$(EMBED_OUT)/java
	cd tests/embed/wasm && IOP_EMBED_OUT=$(EMBED_OUT)/wasm node --test
	cd tests/embed/web && npm ci --no-audit --no-fund --loglevel=error && node --test
	$(VPY) tests/embed/compare_responses.py $(EMBED_OUT) $(VENV)/bin/iop

# The document API as WebAssembly (Emscripten from Debian): build/wasm/bindings/wasm/iop.js + iop.wasm.
# Debian's emscripten finds its JavaScript tools (acorn) under /usr/share/nodejs.
wasm:
	@scripts/install-embed-deps.sh
	test -f build/wasm/CMakeCache.txt || NODE_PATH=/usr/share/nodejs emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release
	NODE_PATH=/usr/share/nodejs cmake --build build/wasm -j $(JOBS)
	@echo "iop.wasm: $$(stat -c %s build/wasm/bindings/wasm/iop.wasm) bytes"

fuzz: system-deps
	test -f build/clang-asan-ubsan/CMakeCache.txt || cmake --preset asan-ubsan
	cmake --build --preset asan-ubsan -j $(JOBS)
	scripts/fuzz.sh build/clang-asan-ubsan $(FUZZ_SECONDS) $(FUZZ_JOBS)

# ThreadSanitizer: the C++ tests (with the 8-thread sharing test) and the C ABI's
# thread test. Not part of `make test`: it is one more full Clang build of the
# library, which would push `make test` past its time on 2 cores.
tsan: system-deps
	test -f build/tsan/CMakeCache.txt || cmake --preset tsan
	cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS) -E '^(package|fuzz)\.'

# The whole bad-input catalogue (make test runs a sample of it, see tests/python/test_bad_inputs.py).
catalogue: python-install
	$(VPY) tests/catalogue/bad_inputs.py --iop $(VENV)/bin/iop --jobs $(JOBS)

bench: system-deps
	test -f build/release/CMakeCache.txt || cmake --preset release
	cmake --build --preset release -j $(JOBS) --target iop_bench
	build/release/bench/iop_bench
	$(MAKE) python-install
	$(VPY) bench/compare_pandas.py
	$(VPY) bench/compare_pandas_estimates.py
	$(VPY) bench/compare_pandas_parity.py
	$(VPY) bench/compare_frames_and_monte_carlo.py
	$(VPY) bench/compare_claims.py
	$(VPY) bench/compare_columns.py
	$(VPY) bench/compare_outcomes.py

# Reading X12 side by side with linuxforhealth-x12 and pyx12: a 100,000-claim 835 and a 20,000-subscriber
# 271 (about 15 minutes: the peers read a few hundred claims a second; figures in bench/README.md).
bench-x12: python-install
	$(VPY) bench/compare_x12.py

# Dask and Spark with one and two workers, and the cost of a partition (figures in bench/README.md).
bench-scale: python-install
	$(VPY) bench/scale_out.py

# iop serve under wrk for 10 s per operation (figures in bench/README.md).
bench-service: python-install
	$(VPY) bench/load_service.py --seconds 10

# Three iop serve behind HAProxy restarted one by one under load, with a minute of load between restarts
# (make test runs the same test with one second; figures and configuration in docs/deploy.md).
rolling-restart: python-install
	IOP_ROLLING_SECONDS=60 $(VPY) -m pytest -q tests/python/test_service_haproxy.py

# iop serve for SOAK_MINUTES of mixed load with slow clients and malformed requests, its memory, descriptors and
# p99 latency sampled each minute and required flat (figures in bench/README.md). Not part of make test.
SOAK_MINUTES ?= 30
soak: python-install
	$(VPY) bench/soak_service.py --minutes $(SOAK_MINUTES)

# Clang source-based coverage of src/ by area (lines and branches): the C++ tests, the golden corpus, every
# fuzzer's corpus and the Python tests on a build of the coverage preset; report in build/coverage/summary.md
# and build/coverage/html/ (figures in bench/README.md). Fails when an area of src/ is under 90 % of its lines.
coverage: python-install
	test -f build/coverage/CMakeCache.txt || cmake --preset coverage -DPython_EXECUTABLE=$(CURDIR)/$(VPY)
	cmake --build --preset coverage -j $(JOBS)
	JOBS=$(JOBS) $(VPY) scripts/coverage.py build/coverage --fail-under 90

clean:
	rm -rf build
