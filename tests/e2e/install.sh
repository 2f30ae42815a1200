#!/bin/sh
# `make install DESTDIR=... PREFIX=/usr` (issue 7 §6): the binary, the rules
# (templates as files, not a link) and the man page land under DESTDIR; the
# installed binary finds its rules with no ./rules; the page renders.
. "$(dirname "$0")/../lib.sh"

export LC_ALL=C.UTF-8

t_case "make install DESTDIR PREFIX=/usr: binary, rules, man page; runs without ./rules" <<'CASE'
# A copy of the build, so that only options.o is rebuilt for the other
# PREFIX and the shared build folder is left as it was.
cp -a "$B" build
make -s -C "$TOP" install B="$T/build" DESTDIR="$T/root" PREFIX=/usr >make.txt 2>&1 ||
	{ cat make.txt; t_fail "make install failed"; }
R=$T/root/usr
[ -x "$R/bin/iireview" ]
[ -f "$R/share/man/man1/iireview.1" ]
for f in fields/platform.tsv fields/factory.tsv fields/summary.tsv fields/required.tsv 2019/criteria.txt \
	2019/score.txt 2019/clusters.txt; do
	[ -f "$R/share/iireview/rules/$f" ] || t_fail "rules/$f not installed"
done
# The templates are files, not a link into the source tree.
[ -d "$R/share/iireview/rules/templates" ] && [ ! -L "$R/share/iireview/rules/templates" ]
n=$(find "$R/share/iireview/rules/templates" -type f | wc -l)
[ "$n" -gt 0 ] && [ "$n" = "$(find "$TOP/samples/templates/" -type f | wc -l)" ]
[ -z "$(find "$T/root" -type l)" ]
# Nothing outside DESTDIR/PREFIX.
[ -z "$(find "$T/root" -mindepth 1 -maxdepth 1 ! -name usr)" ]
"$R/bin/iireview" --help >help.txt
grep -q "usage: iireview" help.txt
# The installed binary looks for /usr/share/iireview/rules when there is
# no ./rules; with --rules it takes what it is given.  (It is not at
# /usr here, only under DESTDIR, so the first must name that folder.)
mkdir -p empty && cd empty
rc=0
"$R/bin/iireview" evaluate --db x.db -q 2>err.txt || rc=$?
cat err.txt
[ $rc = 2 ] && grep -q "/usr/share/iireview/rules" err.txt
# Only run and ingest make a database: an empty inbox makes an empty one.
mkdir inbox
"$R/bin/iireview" ingest --db x.db -q
"$R/bin/iireview" evaluate --db x.db --rules "$R/share/iireview/rules" -q
CASE

if command -v man >/dev/null 2>&1; then
	t_case "man -l renders iireview(1) with every section" <<'CASE'
# The installed page when the case above made it, else the source.
page=$T/root/usr/share/man/man1/iireview.1
[ -f "$page" ] || page=$TOP/docs/iireview.1
MANWIDTH=80 MANPAGER=cat man -l -Tutf8 "$page" 2>warn.txt | col -b 2>/dev/null >page.txt ||
	MANWIDTH=80 MANPAGER=cat man -l "$page" >page.txt
cat warn.txt
[ ! -s warn.txt ] || t_fail "man warned"
for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS FILES "EXIT STATUS" ENVIRONMENT \
	EXAMPLES "SEE ALSO"; do
	grep -q "^$s" page.txt || t_fail "no section $s"
done
grep -q "IIREVIEW_CRASH_AT" page.txt
CASE
else
	t_skip "man -l renders iireview(1)" "man (Debian package man-db) is not installed"
fi
