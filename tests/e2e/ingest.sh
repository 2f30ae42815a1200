#!/bin/sh
# End-to-end tests of the ingest stage on bundles built here with bsdtar.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../mkdocs.sh"

if ! command -v bsdtar >/dev/null 2>&1; then
	t_skip "ingest" "bsdtar (Debian package libarchive-tools) is not installed"
	exit 0
fi
export LC_ALL=C.UTF-8

# The mixed batch: GBK zip, 7z, tar.gz, plain folder, zips inside a zip.
mkdir -p "$T/inbox" "$T/db"
(
	cd "$T"
	mk_unit_dir u/nj 南京 2
	mk_unit_dir u/wx 无锡 2
	mk_unit_dir u/xz 徐州 2
	mk_unit_dir inbox/常州市工信局申报材料 常州 2
	mk_unit_dir u/sz 苏州 2
	(cd u/nj && bsdtar --format zip --options zip:hdrcharset=GBK -cf "$T/inbox/南京市-申报材料.zip" .)
	(cd u/wx && bsdtar --format 7zip -cf "$T/inbox/无锡市申报材料.7z" .)
	(cd u/xz && bsdtar -czf "$T/inbox/徐州市.tar.gz" .)
	(cd u/sz && for d in */; do d=${d%/}; (cd "$d" && bsdtar --format zip -cf "../$d.zip" .); rm -rf "$d"; done &&
		bsdtar --format zip -cf "$T/inbox/苏州市申报材料.zip" .)
) >/dev/null 2>&1

ii() { "$IIREVIEW" "$@" --inbox "$T/inbox" --db "$T/db/ii.db"; }

t_case "mixed formats: every bundle, file, kind, application and unit" <<'CASE'
ii ingest
"$IIREVIEW" status --db "$T/db/ii.db" --files >status.txt
cat status.txt
for u in 南京市 无锡市 徐州市 常州市 苏州市; do
	grep -q "^$u	" status.txt || t_fail "no files for $u"
done
# GBK names came out as the right Chinese.
grep -q "^南京市	南京市-申报材料.zip	1-江苏南京测试1号科技有限公司/营业执照.pdf	attachment	营业执照	江苏南京测试1号科技有限公司	" status.txt
grep -q "^南京市	南京市-申报材料.zip	2-江苏南京测试2号科技有限公司/申报书.docx	form_platform		江苏南京测试2号科技有限公司	" status.txt
grep -q "^无锡市	.*1-江苏无锡测试1号科技有限公司/2018年审计报告.pdf	attachment	审计报告	江苏无锡测试1号科技有限公司" status.txt
grep -q "^徐州市	.*附件5-申报情况汇总表.xlsx	summary_platform" status.txt
grep -q "^常州市	常州市工信局申报材料	2-江苏常州测试2号科技有限公司/营业执照.pdf	attachment	营业执照	江苏常州测试2号科技有限公司" status.txt
# Nested zips: files inside are tied to their enterprise.
grep -q "^苏州市	.*1-江苏苏州测试1号科技有限公司.zip/营业执照.pdf	attachment	营业执照	江苏苏州测试1号科技有限公司" status.txt
# Every stored name is valid UTF-8.
iconv -f UTF-8 -t UTF-8 status.txt >/dev/null
# Every file hashed; kept once: each archive as received, the forms and
# tables and a folder's files as blobs of their own, nothing else copied
# (tests/e2e/originals.sh reads them all back).
n=$(sqlite3 "$T/db/ii.db" "SELECT count(*) FROM files WHERE sha256 IS NULL")
[ "$n" = 0 ]
for h in $(sqlite3 "$T/db/ii.db" "SELECT sha256 FROM bundles WHERE kind = 'archive'
	UNION SELECT f.sha256 FROM files f JOIN bundles b ON b.id = f.bundle_id
	WHERE b.kind = 'folder' OR f.kind LIKE 'form_%' OR f.kind LIKE 'summary_%'"); do
	f="$T/db/store/$(echo $h | cut -c1-2)/$(echo $h | cut -c3-)"
	[ "$(sha256sum "$f" | cut -d' ' -f1)" = "$h" ] || t_fail "store copy of $h is wrong"
done
for h in $(sqlite3 "$T/db/ii.db" "SELECT f.sha256 FROM files f JOIN bundles b ON b.id = f.bundle_id
	WHERE b.kind = 'archive' AND f.kind IN ('attachment', 'archive')"); do
	[ ! -e "$T/db/store/$(echo $h | cut -c1-2)/$(echo $h | cut -c3-)" ] ||
		t_fail "$h is stored again beside its bundle"
done
CASE

t_case "a second run on an unchanged inbox does no work and says so" <<'CASE'
before=$(sqlite3 "$T/db/ii.db" "SELECT count(*) FROM bundles")
ii ingest --verbose 2>err.txt
cat err.txt
grep -q "all unchanged: nothing to do" err.txt
after=$(sqlite3 "$T/db/ii.db" "SELECT count(*) FROM bundles")
[ "$before" = "$after" ]
CASE

t_case "a changed bundle supersedes the old version, kept as history" <<'CASE'
sleep 1
(cd u/xz && rm -rf 2-* && bsdtar -czf "$T/inbox/徐州市.tar.gz" .)
ii ingest
sqlite3 "$T/db/ii.db" "SELECT state FROM bundles WHERE inbox_name = '徐州市.tar.gz' ORDER BY id" >states.txt
printf 'superseded\ncurrent\n' | diff - states.txt
n=$(sqlite3 "$T/db/ii.db" "SELECT count(*) FROM applications a JOIN bundles b ON b.id = a.bundle_id WHERE b.unit = '徐州市' AND b.state = 'current'")
[ "$n" = 1 ]
CASE

t_case "a newer bundle from the same unit supersedes the older one" <<'CASE'
sleep 1
mk_unit_dir u/wx2 无锡 1
(cd u/wx2 && bsdtar --format zip -cf "$T/inbox/无锡市-补充更正.zip" .)
ii ingest
sqlite3 "$T/db/ii.db" "SELECT inbox_name, state FROM bundles WHERE unit = '无锡市' ORDER BY id" >w.txt
cat w.txt
printf '无锡市申报材料.7z|superseded\n无锡市-补充更正.zip|current\n' | diff - w.txt
CASE

# Hostile bundles, each with the defect it must give.
mkdir -p "$T/hostile" "$T/h"
(
	cd "$T/h"
	mk_docx form.docx "$PT" 江苏泰兴测试科技有限公司
	echo secret >secret.txt
	# Path traversal and absolute paths (bsdtar -P keeps them as given).
	mkdir -p a/b && echo x >a/b/x.txt
	(cd a/b && bsdtar -P --format zip -cf "$T/hostile/泰兴市-slip.zip" ../../secret.txt x.txt)
	bsdtar -P -cf "$T/hostile/泰兴市-abs.tar" "$T/h/secret.txt" form.docx
	# Links and devices.
	ln -s /etc/passwd link && bsdtar -cf "$T/hostile/泰兴市-symlink.tar" link form.docx
	ln secret.txt hard && bsdtar -cf "$T/hostile/泰兴市-hardlink.tar" secret.txt hard
	if mknod dev c 1 3 2>/dev/null; then bsdtar -cf "$T/hostile/泰兴市-device.tar" dev form.docx; fi
	# Encryption.
	bsdtar --format zip --options zip:encryption=zipcrypt --passphrase pw -cf "$T/hostile/泰兴市-encrypted.zip" secret.txt
	# Truncated: a valid zip cut in half.
	head -c 100000 /dev/urandom >big.bin && bsdtar --format zip -cf whole.zip big.bin form.docx
	head -c 60000 whole.zip >"$T/hostile/泰兴市-truncated.zip"
	# A bomb: 300 MiB of zeros in a small zip.
	head -c 314572800 /dev/zero >zeros.bin && bsdtar --format zip -cf "$T/hostile/泰兴市-bomb.zip" zeros.bin && rm zeros.bin
	# Nested past the limit.
	cp form.docx f.docx && bsdtar --format zip -cf n1.zip f.docx && bsdtar --format zip -cf n2.zip n1.zip &&
		bsdtar --format zip -cf n3.zip n2.zip && bsdtar --format zip -cf n4.zip n3.zip &&
		bsdtar --format zip -cf "$T/hostile/泰兴市-nested.zip" n4.zip
	: >"$T/hostile/泰兴市-empty.zip"
	echo "not an archive" >"$T/hostile/泰兴市-text.zip"
) >/dev/null 2>&1

hostile_case() { # NAME CODE
	rm -rf "$T/hi" "$T/hdb" && mkdir -p "$T/hi" "$T/hdb"
	cp "$T/hostile/$1" "$T/hi/"
	cp "$T/inbox/南京市-申报材料.zip" "$T/hi/"
	(cd "$T/hdb" && "$IIREVIEW" ingest --inbox "$T/hi" --db "$T/hdb/ii.db") 2>err.txt || { cat err.txt; return 1; }
	cat err.txt
	got=$(sqlite3 "$T/hdb/ii.db" "SELECT DISTINCT d.code FROM defects d JOIN bundles b ON b.id = d.bundle_id WHERE b.inbox_name = '$1'")
	echo "$1: $got"
	echo "$got" | grep -qx "$2" || t_fail "$1: expected $2, got: $got"
	# The other bundle is still processed.
	n=$(sqlite3 "$T/hdb/ii.db" "SELECT count(*) FROM applications a JOIN bundles b ON b.id = a.bundle_id WHERE b.unit = '南京市'")
	[ "$n" = 2 ] || t_fail "the good bundle was not processed"
	# Nothing written outside the store and the database folder.
	[ ! -e "$T/secret.txt" ] && [ ! -e "$T/hdb/secret.txt" ] && [ ! -e /secret.txt ]
	[ -z "$(find "$T/hdb" -newer err.txt -path '*/store/*' -prune -o -type f -newer err.txt -print | grep -v '/ii.db')" ]
	sqlite3 "$T/hdb/ii.db" "PRAGMA integrity_check" | grep -qx ok
}

for c in "slip.zip ARCHIVE_UNSAFE_ENTRY" "abs.tar ARCHIVE_UNSAFE_ENTRY" \
	"symlink.tar ARCHIVE_UNSAFE_ENTRY" "hardlink.tar ARCHIVE_UNSAFE_ENTRY" \
	"encrypted.zip ARCHIVE_ENCRYPTED" "truncated.zip ARCHIVE_CORRUPT" \
	"bomb.zip ARCHIVE_LIMIT" "nested.zip ARCHIVE_LIMIT" "empty.zip BUNDLE_EMPTY" \
	"text.zip BUNDLE_NOT_ARCHIVE" "device.tar ARCHIVE_UNSAFE_ENTRY"; do
	set -- $c
	if [ ! -f "$T/hostile/泰兴市-$1" ]; then
		t_skip "hostile $1" "could not build it here (mknod needs root)"
		continue
	fi
	t_case "hostile $1 gives $2, the rest of the batch goes on" <<CASE
hostile_case "泰兴市-$1" "$2"
CASE
done

t_case "an inbox that is not a folder is a usage error (exit 2)" <<'CASE'
set +e
"$IIREVIEW" ingest --inbox "$T/nonexistent" --db "$T/db/x.db" 2>err.txt
rc=$?
set -e
[ $rc = 2 ] && grep -q "does not exist (give --inbox DIR)" err.txt && [ ! -e "$T/db/x.db" ]
CASE

t_case "a second run while one holds the lock exits 3 at once" <<'CASE'
command -v flock >/dev/null || { echo "no flock(1)"; exit 0; }
set +e
flock "$T/db/ii.db.lock" "$IIREVIEW" run --inbox "$T/inbox" --db "$T/db/ii.db" \
	--rules "$TOP/rules" 2>err.txt
rc=$?
set -e
cat err.txt
[ $rc = 3 ] && grep -q "another run holds the lock" err.txt
CASE
