#!/bin/sh
# The layout check of `make lint` (scripts/layout.sh): passes on the tree,
# and fails, naming the file, on a copy with a cross-stage include, a stage
# header included from common/, or a loop of includes planted in it.
. "$(dirname "$0")/../lib.sh"

# A scratch copy of the folders the check reads: plants never touch the tree.
copy_tree() {
	rm -rf tree && mkdir tree
	for d in common ingest normalize evaluate aggregate output collect cli samples/gen; do
		mkdir -p "tree/$d"
		cp "$TOP/$d"/*.[ch] "tree/$d/"
	done
}

# must_fail: the check on the planted copy exits 1; its lines in out.txt.
must_fail() {
	rc=0
	sh "$TOP/scripts/layout.sh" tree >out.txt || rc=$?
	cat out.txt
	[ $rc = 1 ] || t_fail "exit $rc, want 1"
}

t_case "the tree passes, and so does an untouched copy of it" <<'CASE'
sh "$TOP/scripts/layout.sh"
copy_tree
sh "$TOP/scripts/layout.sh" tree
CASE

t_case "a stage including another stage's header fails, naming file and line" <<'CASE'
copy_tree
printf '#include "output/output.h"\n' >>tree/collect/board.c
must_fail
line=$(wc -l <tree/collect/board.c)
grep -q "^layout: collect/board.c:$line: includes output/output.h" out.txt ||
	t_fail "the planted include is not named"
CASE

t_case "common/ including a stage's header fails" <<'CASE'
copy_tree
printf '#include "normalize/value.h"\n' >>tree/common/strbuf.h
must_fail
grep -q "^layout: common/strbuf.h:[0-9]*: includes normalize/value.h: common/ includes only common/" out.txt ||
	t_fail "the planted include is not named"
CASE

t_case "a loop of includes inside one folder fails, naming its files" <<'CASE'
copy_tree
printf '#include "common/log.h"\n' >>tree/common/xalloc.h
printf '#include "xalloc.h"\n' >>tree/common/log.h
must_fail
grep -q "form a cycle" out.txt || t_fail "no cycle reported"
grep -q "^    common/log.h$" out.txt && grep -q "^    common/xalloc.h$" out.txt ||
	t_fail "the files of the loop are not named"
CASE

t_case "a wrong folder is a usage error" <<'CASE'
rc=0
sh "$TOP/scripts/layout.sh" "$T/nowhere" 2>err.txt || rc=$?
[ $rc = 2 ] || t_fail "exit $rc, want 2"
grep -q "is not a folder" err.txt
CASE
