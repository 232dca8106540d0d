# claimline - build, test and demo.
#
#   make            build the library and the CLI (build/claimline)
#   make demo       analyze the bundled sample corpus and print a timeline with a conflict
#   make test       every test: unit, spec, CLI golden, seed scores, and the same suite
#                   under AddressSanitizer + UndefinedBehaviorSanitizer
#   make check      the test suite once, without the sanitizer pass (quick loop)
#   make fuzz       build the libFuzzer targets and run each for FUZZ_SECONDS
#   make deps       install build dependencies (Debian packages, npm data packages)
#
# Variables: WERROR=1 turns warnings into errors (CI sets it); SAN=1 builds with sanitizers
# into build/san; OPT overrides the optimisation flags.

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
WERROR  ?= 0
SAN     ?= 0

ifeq ($(SAN),1)
  BUILD := build/san
  OPT   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
  SANLD := -fsanitize=address,undefined
endif

WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wconversion -Wno-sign-conversion -Wformat=2 -Wvla
ifeq ($(WERROR),1)
  WARN  += -Werror
endif

CPPFLAGS := -Iinclude -Isrc -I/usr/include/postgresql -D_GNU_SOURCE
CFLAGS   := -std=c17 $(OPT) $(WARN) -fPIC
# libpq is not linked: the PostgreSQL store loads it when it opens a ledger (pq_load.h)
LDLIBS   := -lsqlite3 -ljansson -lxxhash -lgumbo -lz -lm -lpthread
LDFLAGS  += $(SANLD)

LIB_SRC  := $(sort $(wildcard src/*.c src/*/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
DATA     := $(sort $(wildcard data/*.tsv))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/blobs.o $(BUILD)/obj/blobs_index.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/cli/serve_page.o
DEPS     := $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

WORDS    := build/words.txt
GAZ_TSV  := build/gazetteer.tsv
GAZ_BIN  := build/gazetteer.bin
DEPS_OK  := build/.deps-ok

.PHONY: all deps demo test check san-test valgrind fuzz clean distclean bench
all: $(BUILD)/claimline

# ---------------------------------------------------------------- dependencies

# Re-run the set-up when its inputs change; it is quick when everything is present.
$(DEPS_OK): scripts/setup.sh package.json package-lock.json
	@mkdir -p build
	bash scripts/setup.sh
	@touch $@

deps: $(DEPS_OK)

# ---------------------------------------------------------------- generated data

$(GAZ_TSV): tools/gazetteer/build.mjs data/countries.tsv $(wildcard data/places_extra.tsv data/place_aliases.tsv data/place_drops.tsv) | $(DEPS_OK)
	@mkdir -p build
	node tools/gazetteer/build.mjs $@

build/gazc: tools/gazetteer/gazc.c src/place/placekey.c src/place/gazetteer.c src/util/error.c src/util/utf8.c src/place/gazetteer.h src/place/placekey.h | $(DEPS_OK)
	@mkdir -p build
	$(CC) -std=c17 -O2 $(CPPFLAGS) -o $@ tools/gazetteer/gazc.c src/place/placekey.c src/place/gazetteer.c src/util/error.c src/util/utf8.c

$(GAZ_BIN): $(GAZ_TSV) build/gazc
	build/gazc $(GAZ_TSV) $@

# Ordinary lower-case English words (Debian's wamerican), sorted bytewise for bisection.
$(WORDS): | $(DEPS_OK)
	@mkdir -p build
	if [ -r /usr/share/dict/american-english ]; then \
	  grep -E '^[a-z]+$$' /usr/share/dict/american-english | LC_ALL=C sort -u > $@; \
	else : > $@; fi

$(BUILD)/gen/blobs.S $(BUILD)/gen/blobs_index.c: tools/gen_blobs.sh $(DATA) $(GAZ_BIN) $(WORDS)
	@mkdir -p $(BUILD)/gen
	sh tools/gen_blobs.sh $(BUILD)/gen/blobs.S $(BUILD)/gen/blobs_index.c $(DATA) $(GAZ_BIN) $(WORDS)

$(BUILD)/obj/blobs.o: $(BUILD)/gen/blobs.S $(DATA) $(GAZ_BIN) $(WORDS)
	@mkdir -p $(dir $@)
	$(CC) -c -o $@ $<

$(BUILD)/obj/blobs_index.o: $(BUILD)/gen/blobs_index.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# ---------------------------------------------------------------- library and CLI

$(BUILD)/obj/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

# the web page of `serve`, embedded as a string (cli/serve_page.S)
$(BUILD)/obj/cli/serve_page.o: cli/serve_page.S cli/serve_page.html
	@mkdir -p $(dir $@)
	$(CC) -c -o $@ cli/serve_page.S

$(BUILD)/libclaimline.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/claimline: $(CLI_OBJ) $(BUILD)/libclaimline.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libclaimline.a $(LDLIBS) -lmicrohttpd

-include $(DEPS) $(wildcard build/fuzz/obj/*/*.d build/fuzz/obj/*/*/*.d)

# ---------------------------------------------------------------- tests

# the HTTP API of serve is fuzzed and replayed too: its files come along
HTTP_SRC := cli/serve_api.c cli/json_rows.c
TEST_SRC := $(sort $(wildcard tests/unit/*.c)) fuzz/targets.c
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o) $(HTTP_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/cli/serve_page.o
$(TEST_OBJ): CPPFLAGS += -Ifuzz -Icli
# the tests read the library's private headers (doc.h ...): rebuild them when those change
-include $(TEST_SRC:%.c=$(BUILD)/obj/%.d)

$(BUILD)/unit-tests: $(TEST_OBJ) $(BUILD)/libclaimline.a
	$(CC) $(LDFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libclaimline.a $(LDLIBS) -lpq -lcmocka

# The suite: unit tests, spec files, CLI golden tests, seed and sample scores. The ledger
# tests run against SQLite and against a private PostgreSQL server on loopback
# (tests/pg/server.sh starts it; skipped with a message when PostgreSQL is not installed).
check: $(BUILD)/claimline $(BUILD)/unit-tests
	@echo "== unit and spec tests ($(BUILD))"
	@pg=$$(sh tests/pg/server.sh fresh claimline_unit); rc=$$?; \
	  if [ $$rc -eq 2 ]; then pg=""; elif [ $$rc -ne 0 ]; then exit 1; fi; \
	  echo "CLAIMLINE_TEST_PG=$$pg $(BUILD)/unit-tests"; CLAIMLINE_TEST_PG=$$pg $(BUILD)/unit-tests
	@echo "== CLI tests"
	sh tests/cli/run.sh $(BUILD)/claimline
	@echo "== PostgreSQL ledger (same answers as SQLite, concurrent loaders, SIGKILL)"
	sh tests/cli/pg.sh $(BUILD)/claimline
	@echo "== serve (web page, JSON API, readers during a load)"
	sh tests/cli/serve.sh $(BUILD)/claimline
	@echo "== crash safety (analyze killed with SIGKILL; SIGKILL_RUNS=100 for the full check)"
	sh tests/cli/sigkill.sh $(BUILD)/claimline
	@echo "== hostile inputs"
	sh tests/cli/hostile.sh $(BUILD)/claimline
	@echo "== scores"
	sh tests/eval/run.sh $(BUILD)/claimline

san-test:
	$(MAKE) SAN=1 check

# The unit suite (spec files and fuzz replays included) and the CLI tests under valgrind
# memcheck: any error or definite/indirect leak fails. Slow (minutes); not part of `make test`.
valgrind: $(BUILD)/unit-tests $(BUILD)/claimline
	valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 -q \
	  $(BUILD)/unit-tests
	sh tests/cli/valgrind.sh $(BUILD)/claimline

test: check
	$(MAKE) SAN=1 check
	sh tests/pg/server.sh stop
	@echo "== all tests passed"

# ---------------------------------------------------------------- demo

demo: $(BUILD)/claimline
	@rm -f build/demo.db
	$(BUILD)/claimline analyze examples/articles examples/wire.jsonl --db build/demo.db
	@echo
	$(BUILD)/claimline timeline Avdiivka --db build/demo.db
	@echo
	$(BUILD)/claimline conflicts --db build/demo.db

# ---------------------------------------------------------------- fuzzing

# libFuzzer targets (clang): the library is compiled once with coverage and sanitizers.
FUZZ_SECONDS ?= 20
FUZZ_CC  := clang
# undefined behaviour stops the run and is saved as a crash (UBSan's default is to report
# and go on, which a long run's log buries)
FUZZ_FLAGS := -std=c17 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
              -fno-sanitize-recover=undefined
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz/obj/%.o) build/fuzz/obj/targets.o \
                $(HTTP_SRC:%.c=build/fuzz/obj/%.o)

build/fuzz/obj/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Ifuzz -Icli $(FUZZ_FLAGS) -MMD -MP -c -o $@ $<

build/fuzz/obj/targets.o: fuzz/targets.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Ifuzz -Icli $(FUZZ_FLAGS) -c -o $@ $<

build/fuzz/%: fuzz/%.c $(FUZZ_LIB_OBJ) $(BUILD)/obj/blobs.o $(BUILD)/obj/blobs_index.o $(BUILD)/obj/cli/serve_page.o
	$(FUZZ_CC) $(CPPFLAGS) -Ifuzz -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -o $@ $< \
	    $(FUZZ_LIB_OBJ) $(BUILD)/obj/blobs.o $(BUILD)/obj/blobs_index.o $(BUILD)/obj/cli/serve_page.o $(LDLIBS)

# the objects are named only in the pattern rule above: keep them between builds
.SECONDARY: $(FUZZ_LIB_OBJ)

fuzz: $(FUZZ_BIN)
	sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

# ---------------------------------------------------------------- housekeeping

clean:
	rm -rf build/obj build/san build/fuzz build/gen build/claimline build/libclaimline.a build/unit-tests build/demo.db

distclean:
	rm -rf build node_modules
