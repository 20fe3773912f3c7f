# dondoc - one plain Makefile (see docs/CodingGuidelines.md, "Build").
#
#   make          build build/dondoc
#   make run      install what is missing, build, import the example, show it
#   make test     install what is missing, build, run every test
#   make check    the tests again under AddressSanitizer + UBSan
#   make fuzz     build the libFuzzer targets (clang)
#   make fuzz-long  build them and fuzz each for FUZZ_SECONDS (default 300)
#   make bench    extraction throughput on the seeds; OCR seconds per page
#
# Libraries come from pkg-config only. BUILD selects the output folder so that
# the sanitizer build never mixes objects with the normal one.

BUILD    ?= build
CC       ?= cc
PKGS     := sqlite3 jansson libutf8proc libsodium libcurl libzip libxml-2.0 poppler-glib \
            tesseract lept libmicrohttpd xlsxwriter libpq
TESTPKGS := cmocka
SANFLAGS :=

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wno-unused-parameter -Wformat=2 -Wvla
CSTD     := -std=c17 -D_FORTIFY_SOURCE=2
OPT      ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS = $(shell pkg-config --cflags $(TESTPKGS) 2>/dev/null)
TEST_LIBS   = $(shell pkg-config --libs $(TESTPKGS) 2>/dev/null)

ALL_CFLAGS = $(CSTD) $(OPT) $(WARN) $(SANFLAGS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC  := $(sort $(wildcard src/base/*.c src/ingest/*.c src/extract/*.c src/model/*.c \
              src/store/*.c src/track/*.c src/ops/*.c src/report/*.c src/app/*.c src/web/*.c \
              src/cmd/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/src/main.o
LIB      := $(BUILD)/libdondoc.a
BIN      := $(BUILD)/dondoc

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

GEN      := $(BUILD)/gen/agencies_table.h
# The web application's static files, embedded (scripts/gen-assets).
WEB_ASSETS := $(sort $(wildcard src/web/assets/*))

# Fuzz targets' entry points, built without libFuzzer to replay fuzz/corpus/.
FUZZ_SRC    := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)

.PHONY: all run test check fuzz bench deps deps-build clean unit-bins fuzz-replay fuzz-long \
	check-layers
all: $(BIN)

deps:
	@sh scripts/deps test

deps-build:
	@sh scripts/deps build

$(GEN): data/agencies.tsv scripts/gen-agencies
	@mkdir -p $(@D)
	sh scripts/gen-agencies data/agencies.tsv > $@.tmp && mv $@.tmp $@

# The table pass's header words (data/headers.tsv), generated like the registry.
HDR_GEN  := $(BUILD)/gen/headers_table.h
$(HDR_GEN): data/headers.tsv scripts/gen-headers
	@mkdir -p $(@D)
	sh scripts/gen-headers data/headers.tsv > $@.tmp && mv $@.tmp $@
GEN      += $(HDR_GEN)

# Document templates (src/report/templates/) embedded in the binary.
$(BUILD)/gen/templates.h: scripts/gen-templates $(shell find src/report/templates -type f)
	@mkdir -p $(@D)
	sh scripts/gen-templates src/report/templates > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/src/report/docx_report.o: $(BUILD)/gen/templates.h
$(BUILD)/gen/web_assets.h: $(WEB_ASSETS) scripts/gen-assets
	@mkdir -p $(@D)
	sh scripts/gen-assets $(WEB_ASSETS) > $@.tmp && mv $@.tmp $@

$(LIB_OBJ): | $(BUILD)/gen/web_assets.h

$(BUILD)/obj/%.o: %.c | $(GEN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(MAIN_OBJ) $(LIB) $(PKG_LIBS) -lm

$(BUILD)/tests/%: tests/unit/%.c $(LIB) $(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests/unit -o $@ $< $(LIB) $(PKG_LIBS) $(TEST_LIBS) -lm

unit-bins: $(UNIT_BIN)

$(BUILD)/fuzz/%: $(BUILD)/obj/fuzz/%.o $(BUILD)/obj/fuzz/replay.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

fuzz-replay: $(FUZZ_REPLAY)
.SECONDARY: $(FUZZ_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/fuzz/replay.o

run: deps-build
	@$(MAKE) --no-print-directory all
	@sh scripts/run-example $(BIN)

test: deps
	@$(MAKE) --no-print-directory all unit-bins fuzz-replay
	@sh tests/run $(BUILD)

check: deps
	@$(MAKE) --no-print-directory BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
		SANFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all" all unit-bins fuzz-replay
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
		LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
		sh tests/run build-san

check-layers:
	@sh scripts/check-layers src

FUZZ_GEN := $(GEN) $(BUILD)/gen/templates.h $(BUILD)/gen/web_assets.h
fuzz: deps $(FUZZ_GEN)
	@PKGS="$(PKGS)" GEN_DIR=$(BUILD)/gen sh fuzz/build

# Every fuzz target for FUZZ_SECONDS (default 300) each, on fuzz/corpus/.
fuzz-long: deps $(FUZZ_GEN)
	@PKGS="$(PKGS)" GEN_DIR=$(BUILD)/gen FUZZ_SECONDS="$${FUZZ_SECONDS:-300}" sh fuzz/build

$(BUILD)/bench_extract: bench/bench_extract.c $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(PKG_LIBS) -lm

bench: all $(BUILD)/bench_extract
	@$(BUILD)/bench_extract -n 20 ../shared/seeds/[0-9]*.txt
	@sh bench/extract-throughput $(BIN) 5
	@sh bench/ocr $(BIN)

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)
-include $(FUZZ_SRC:%.c=$(BUILD)/obj/%.d)
