# iireview - batch review of the Jiangsu industrial-internet demonstration call.
#
#   make            build build/iireview and build/iireview-gen
#   make run        set up (packages, build, sample batch) and run the pipeline into out/
#   make test       set up (test packages too), then every test; ends with "N passed, N failed"
#   make samples    regenerate the default sample batch in samples/inbox
#   make format     clang-format every source file
#   make install    the driver, rules and man page under $(DESTDIR)$(PREFIX)
#   make check-asan every test built with AddressSanitizer and UBSan (docs/hardening.md)
#   make fuzz       every libFuzzer target for FUZZ_SECONDS each (docs/hardening.md)
#   make lint       the include layout, cppcheck and clang-tidy (docs/hardening.md)

CC      ?= gcc
PKGS    := libarchive xlsxwriter sqlite3 libpcre2-8 expat libcrypto
CSTD    := -std=c11 -D_GNU_SOURCE
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wformat=2 -Wvla -Wpointer-arith -Wno-unused-parameter
OPT     ?= -O2 -g
SAN     ?=
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SAN) -I. -MMD -MP $(PKG_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) $(LDLIBS)
B       ?= build

# pkg-config is asked only once the packages are there (see scripts/deps.sh).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

STAGES     := common ingest normalize evaluate aggregate output collect
LIB_SRC    := $(foreach d,$(STAGES),$(wildcard $(d)/*.c))
CLI_SRC    := $(wildcard cli/*.c)
GEN_SRC    := $(wildcard samples/gen/*.c)
TEST_SRC   := $(wildcard tests/unit/test_*.c)
TESTLIB_SRC:= $(filter-out $(TEST_SRC),$(wildcard tests/unit/*.c))

LIB_OBJ    := $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ    := $(CLI_SRC:%.c=$(B)/%.o)
GEN_OBJ    := $(GEN_SRC:%.c=$(B)/%.o)
TESTLIB_OBJ:= $(TESTLIB_SRC:%.c=$(B)/%.o)
TEST_BIN   := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)
# Each fuzz target built with the normal compiler and tests/fuzz/replay.c in
# place of libFuzzer: tests/e2e/fuzz_replay.sh replays the committed inputs
# of tests/fuzz/corpus/ with them.
REPLAY_BIN := $(patsubst tests/fuzz/fuzz_%.c,$(B)/fuzz/replay_%,$(wildcard tests/fuzz/fuzz_*.c))

LIB        := $(B)/libiireview.a
IIREVIEW   := $(B)/iireview
GEN        := $(B)/iireview-gen

INBOX   ?= samples/inbox
DB      ?= out/iireview.db
OUT     ?= out
SEED    ?= 2019
UNITS   ?= 16
PER_UNIT?= 8

PREFIX  ?= /usr/local
DESTDIR ?=

.PHONY: all deps run test samples format clean check-format install uninstall
# Keep the test objects make would otherwise delete as intermediates: they
# are rebuilt less, and no "rm" line follows the test count at the end of CI.
.SECONDARY:
all: $(IIREVIEW) $(GEN) $(TEST_BIN) $(REPLAY_BIN)

deps: $(B)/.deps-ok
$(B)/.deps-ok: scripts/deps.sh
	@mkdir -p $(B)
	@sh scripts/deps.sh
	@touch $@

$(B)/%.o: %.c | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The driver falls back to the installed rules when there is no ./rules
# (cli/options.c).  The stamp holds the PREFIX that options.o was built
# with, so that `make install PREFIX=...` rebuilds it when it changes.
RULES_DIR = $(PREFIX)/share/iireview/rules
$(B)/cli/options.o: CFLAGS_ALL += -DIIREVIEW_RULES_DIR='"$(RULES_DIR)"'
$(B)/cli/options.o: $(B)/.prefix
$(B)/.prefix: FORCE
	@mkdir -p $(B)
	@echo '$(RULES_DIR)' | cmp -s - $@ || echo '$(RULES_DIR)' >$@
.PHONY: FORCE
FORCE:

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(IIREVIEW): $(CLI_OBJ) $(LIB)
	$(CC) $(SAN) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS_ALL)

$(GEN): $(GEN_OBJ) $(LIB)
	$(CC) $(SAN) -o $@ $(GEN_OBJ) $(LIB) $(LDLIBS_ALL)

$(B)/tests/%: $(B)/tests/unit/%.o $(TESTLIB_OBJ) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $< $(TESTLIB_OBJ) $(LIB) $(LDLIBS_ALL)

$(B)/fuzz/replay_%: $(B)/tests/fuzz/fuzz_%.o $(B)/tests/fuzz/replay.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(SAN) -o $@ $(B)/tests/fuzz/fuzz_$*.o $(B)/tests/fuzz/replay.o $(LIB) $(LDLIBS_ALL) -lm

$(INBOX)/.complete: $(GEN)
	rm -rf $(INBOX)
	$(GEN) --seed $(SEED) --units $(UNITS) --per-unit $(PER_UNIT) --out $(INBOX) --truth samples/truth.tsv
	@touch $@

samples: $(INBOX)/.complete

run: all samples
	@mkdir -p $(OUT)
	$(IIREVIEW) run --inbox $(INBOX) --db $(DB) --out $(OUT) --packets
	$(IIREVIEW) status --db $(DB)

# The packages the tests read their outputs back with (scripts/deps.sh test):
# asked every time, since one can be removed after the build.
.PHONY: test-deps
test-deps:
	@sh scripts/deps.sh test

test: all samples test-deps
	@sh tests/run.sh $(B)

# The field trial: a batch built by other hands from the notice alone, with
# its truth and checker (../shared/fieldtrial/README.md).  Every check must
# pass; CI runs it (.ci/run).  Where the folder is not there, say so.  Its
# inbox's bundles and forms also join the fuzz seeds (tests/fuzz/seeds.sh).
FIELDTRIAL ?= ../shared/fieldtrial
.PHONY: fieldtrial
fieldtrial: $(IIREVIEW) test-deps
	@if [ -x "$(FIELDTRIAL)/run.sh" ]; then \
		"$(FIELDTRIAL)/run.sh" $(IIREVIEW) --max-fail 50; \
	else \
		echo "fieldtrial: no $(FIELDTRIAL)/run.sh here (FIELDTRIAL=DIR names it); not run"; \
	fi

# Every test with AddressSanitizer (leaks included) and UBSan, in its own
# build folder.  Sanitizer reports go to files under $(ASAN_B)/reports as
# well as aborting the process: a report in a process whose failure a test
# expects (or whose stderr it hides) still fails the target.  SAN and OPT
# are exported for tests that run make themselves (tests/e2e/install.sh)
# or whose time bounds are for the normal build (tests/e2e/gen.sh).
ASAN_B   ?= build-asan
ASAN_SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
.PHONY: check-asan
# samples: some tests read the sample batch (test_xmlscan compares every part of it).
check-asan: samples test-deps
	$(MAKE) B=$(ASAN_B) SAN="$(ASAN_SAN)" OPT="-O1 -g" all
	@rm -rf $(ASAN_B)/reports && mkdir -p $(ASAN_B)/reports
	@r=$$(cd $(ASAN_B)/reports && pwd); \
	SAN="$(ASAN_SAN)" OPT="-O1 -g" \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:log_path=$$r/asan \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:log_path=$$r/ubsan \
	sh tests/run.sh $(ASAN_B); rc=$$?; \
	if [ -n "$$(ls $$r)" ]; then echo "sanitizer reports:"; head -n 40 $$r/*; exit 1; fi; \
	exit $$rc

# libFuzzer targets tests/fuzz/fuzz_*.c, built with clang against every
# library source compiled for coverage into $(FB), run FUZZ_JOBS at a time
# for FUZZ_SECONDS each (tests/fuzz/run.sh; seeds: tests/fuzz/seeds.sh).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 600
FUZZ_JOBS    ?= 2
FB           ?= $(B)-fuzz
FUZZ_FLAGS    = $(CSTD) -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
		-fno-sanitize-recover=undefined -I. $(PKG_CFLAGS)
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_TARGETS := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(FB)/%)
FUZZ_LIB     := $(FB)/libiireview-fuzz.a
.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BIN) $(FB)/seeds/.done
fuzz: fuzz-build
	sh tests/fuzz/run.sh $(FB) $(FUZZ_SECONDS) $(FUZZ_JOBS) $(FUZZ_TARGETS)

$(FB)/lib/%.o: %.c | $(B)/.deps-ok
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_LIB): $(LIB_SRC:%.c=$(FB)/lib/%.o)
	@rm -f $@
	ar rcs $@ $^

$(FB)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(LDLIBS_ALL) -lpthread -lm

$(FB)/seeds/.done: $(GEN) tests/fuzz/seeds.sh
	sh tests/fuzz/seeds.sh $(GEN) $(FB)/seeds $(FIELDTRIAL)/inbox
	@touch $@

# Static analysis of the project's sources (not tests/ or samples/: test
# scaffolding and the generator are not input-facing), after the layout
# check (scripts/layout.sh: a stage includes only its own headers and
# common/'s, and no includes form a cycle).  cppcheck's
# suppressions are in .cppcheck-suppressions, clang-tidy's checks in
# .clang-tidy, each with its reason; clang-tidy runs LINT_JOBS files at a time.
LINT_DIRS := common ingest normalize evaluate aggregate output collect cli
LINT_SRC   = $(foreach d,$(LINT_DIRS),$(wildcard $(d)/*.c))
LINT_JOBS ?= 2
.PHONY: lint
lint: $(B)/.deps-ok
	sh scripts/layout.sh
	cppcheck -q --enable=warning,style,performance,portability --std=c11 -D_GNU_SOURCE -I. \
		--inline-suppr --suppressions-list=.cppcheck-suppressions --error-exitcode=1 \
		-j $(LINT_JOBS) $(LINT_DIRS)
	printf '%s\n' $(LINT_SRC) | xargs -P $(LINT_JOBS) -n 4 sh -c \
		'clang-tidy --quiet "$$@" -- $(CSTD) -I. $(PKG_CFLAGS)' clang-tidy

# The benchmark of issue 9 (bench/run.sh, docs/performance.md); ARGS=--quick for the small scale.
.PHONY: bench
bench: all
	sh bench/run.sh $(ARGS)

# rules/templates is a link to ../samples/templates: cp -L installs the files.
install: $(IIREVIEW)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/iireview
	install -m 0755 $(IIREVIEW) $(DESTDIR)$(PREFIX)/bin/iireview
	rm -rf $(DESTDIR)$(RULES_DIR)
	cp -RL rules $(DESTDIR)$(RULES_DIR)
	find $(DESTDIR)$(RULES_DIR) -type d -exec chmod 0755 {} + -o -type f -exec chmod 0644 {} +
	install -m 0644 docs/iireview.1 $(DESTDIR)$(PREFIX)/share/man/man1/iireview.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/iireview $(DESTDIR)$(PREFIX)/share/man/man1/iireview.1
	rm -rf $(DESTDIR)$(PREFIX)/share/iireview

# find, not git ls-files: CI may build from an export without .git.
FORMAT_DIRS = aggregate cli collect common evaluate ingest normalize output samples/gen tests
format:
	clang-format -i $$(find $(FORMAT_DIRS) -name '*.[ch]')

check-format:
	@clang-format --dry-run -Werror $$(find $(FORMAT_DIRS) -name '*.[ch]' | sort)

clean:
	rm -rf $(B) $(OUT) $(INBOX)

-include $(wildcard $(FB)/lib/*/*.d)
-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(GEN_OBJ:.o=.d) $(TESTLIB_OBJ:.o=.d) $(TEST_BIN:$(B)/tests/%=$(B)/tests/unit/%.d)
