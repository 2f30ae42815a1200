#!/bin/sh
# Faults (issue 10 §4): the database read-only, the output folder not
# writable, a full disk.  Each run must fail with a clear error and a
# non-zero exit, and leave the previous outputs as they were.
#
# Root ignores file modes, so read-only is made with a read-only bind mount
# (or chattr +i on the database files), and the full disk with a 2 MiB
# tmpfs; where the test may not do that it says so and skips.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../mkdocs.sh"

export LC_ALL=C.UTF-8
if ! command -v bsdtar >/dev/null 2>&1; then
	t_skip "faults" "bsdtar (libarchive-tools) is not installed"
	exit 0
fi

# Undo every mount and immutable flag under $T, whatever a case left.
cleanup() {
	for m in $(awk -v t="$T" 'index($2, t) == 1 { print $2 }' /proc/mounts | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	[ -d "$T" ] && find "$T" -type f -exec chattr -i {} + 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

can_ro_mount() {
	mkdir -p "$T/probe" && mount --bind "$T/probe" "$T/probe" 2>/dev/null &&
		mount -o remount,bind,ro "$T/probe" 2>/dev/null && umount "$T/probe"
}
can_tmpfs() {
	mkdir -p "$T/probe2" && mount -t tmpfs -o size=2m tmpfs "$T/probe2" 2>/dev/null &&
		umount "$T/probe2"
}
can_chattr() {
	: >"$T/probe3" && chattr +i "$T/probe3" 2>/dev/null && chattr -i "$T/probe3"
}

# Two bundles: the first run reads one, the faulty run gets the second as
# new work, so every stage has something to write.
(
	cd "$T"
	mk_unit_dir u1 南京 2 && mk_unit_dir u2 无锡 1
	mkdir -p b && (cd u1 && bsdtar --format zip -cf ../b/南京市.zip .) &&
		(cd u2 && bsdtar --format zip -cf ../b/无锡市.zip .)
) >/dev/null 2>&1

# setup DIR: a first good run in DIR (inbox, data/ii.db, out) and the
# checksums of its outputs in DIR/before; then the second bundle arrives.
setup() {
	mkdir -p "$1/inbox" && cd "$1"
	cp "$T/b/南京市.zip" inbox/
	"$IIREVIEW" run -q --inbox inbox --db data/ii.db --out out --rules "$TOP/rules"
	sums >before
	cp "$T/b/无锡市.zip" inbox/
}
sums() { (cd out && find . -type f | sort | xargs sha256sum); }
# faulty_run: the run that must fail; its exit code in rc, stderr in err.txt.
faulty_run() {
	set +e
	timeout 120 "$IIREVIEW" run -q --inbox inbox --db data/ii.db --out out --rules "$TOP/rules" \
		2>err.txt
	rc=$?
	set -e
}
# check_failed: non-zero exit, an error message, the outputs as before.
check_failed() {
	cat err.txt
	echo "exit $rc"
	[ $rc -ne 0 ] || t_fail "the run did not fail"
	[ $rc -ne 124 ] || t_fail "the run hung"
	[ $rc -lt 128 ] || t_fail "the run crashed (signal $((rc - 128)))"
	# A folder we may not write in is found before any work: exit 2, the option named.
	grep -q '^error: ' err.txt || { [ $rc = 2 ] && grep -q '(give --' err.txt; } ||
		t_fail "no error message"
	sums | diff before - || t_fail "the previous outputs changed"
}

if can_chattr; then
	t_case "the database files immutable: a clear error, exit non-zero, outputs intact" <<'CASE'
setup "$T/c1"
ls data
for f in data/ii.db data/ii.db-wal data/ii.db-shm; do [ ! -e "$f" ] || chattr +i "$f"; done
faulty_run
for f in data/ii.db data/ii.db-wal data/ii.db-shm; do [ ! -e "$f" ] || chattr -i "$f"; done
check_failed
CASE
else
	t_skip "database immutable" "chattr +i is not permitted here (needs root and ext2/3/4, xfs or btrfs)"
fi

if can_ro_mount; then
	t_case "the database folder read-only: a clear error, exit non-zero, outputs intact" <<'CASE'
setup "$T/c2"
mount --bind data data && mount -o remount,bind,ro data
faulty_run
umount data
check_failed
CASE
	t_case "the output folder read-only: a clear error, exit non-zero, outputs intact" <<'CASE'
setup "$T/c3"
mount --bind out out && mount -o remount,bind,ro out
faulty_run
umount out
check_failed
CASE
else
	t_skip "read-only folders" "mount --bind -o ro is not permitted here (needs CAP_SYS_ADMIN)"
fi

if can_tmpfs; then
	t_case "a full disk under the outputs: a clear error, exit non-zero, outputs intact" <<'CASE'
rm -rf "$T/c4" && mkdir -p "$T/c4/out"
mount -t tmpfs -o size=2m,mode=0750 tmpfs "$T/c4/out"
setup "$T/c4"
# Fill what is left.
dd if=/dev/zero of=out/.fill bs=4k 2>/dev/null || :
df -k out | tail -n 1
sums() { (cd out && find . -type f ! -name .fill | sort | xargs sha256sum); }
faulty_run
check_failed
CASE
	t_case "a full disk under the database and store: a clear error, exit non-zero, outputs intact" <<'CASE'
rm -rf "$T/c5" && mkdir -p "$T/c5/data"
mount -t tmpfs -o size=2m,mode=0750 tmpfs "$T/c5/data"
setup "$T/c5"
dd if=/dev/zero of=data/.fill bs=4k 2>/dev/null || :
df -k data | tail -n 1
faulty_run
rm -f data/.fill
check_failed
# The database survived the failure.
sqlite3 data/ii.db "PRAGMA integrity_check" | grep -qx ok
CASE
else
	t_skip "full disk" "mounting a 2 MiB tmpfs is not permitted here (needs CAP_SYS_ADMIN)"
fi
