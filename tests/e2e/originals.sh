#!/bin/sh
# End-to-end test of issue 15: the store keeps each bundle once, and every
# original in the review packets is byte-identical (SHA-256) to the file
# inside the bundle it came in, whatever the bundle's format: UTF-8 and GBK
# zips, 7z, tar.gz, a plain folder, zips stored inside a zip, and zips
# compressed inside a solid 7z (read back through a temporary copy).
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8
PY=/usr/bin/python3

if ! command -v bsdtar >/dev/null 2>&1; then
	t_skip "originals" "bsdtar (Debian package libarchive-tools) is not installed"
	exit 0
fi

mkdir -p "$T/db"
"$GEN" --seed 15 --units 16 --per-unit 3 --out "$T/inbox" --truth "$T/truth.tsv" \
	--attach-kb 48 >/dev/null 2>&1
# 南通市 sends one zip per enterprise inside its zip; 泰兴市 the same inside a
# solid 7z, so that those inner zips lie compressed in the bundle.
(
	cd "$T"
	mkdir -p nested
	bsdtar -xf inbox/*泰兴市* -C nested
	(cd nested && find . -mindepth 1 -maxdepth 1 -type d | while IFS= read -r d; do
		(cd "$d" && bsdtar --format zip -cf "../$d.zip" .) && rm -rf "$d"
	done && bsdtar --format 7zip -cf "$T/泰兴市申报材料.7z" .)
	rm -f inbox/*泰兴市*
	mv 泰兴市申报材料.7z inbox/
) >/dev/null 2>&1

ii() {
	"$IIREVIEW" "$@" --inbox "$T/inbox" --db "$T/db/ii.db" --rules "$TOP/rules" --out "$T/out"
}

t_case "the store holds each bundle once, and the forms and tables beside them" <<'CASE'
ii run --packets
# Every bundle archive is a blob, byte for byte.
for h in $(sqlite3 "$T/db/ii.db" "SELECT sha256 FROM bundles WHERE kind = 'archive'"); do
	f="$T/db/store/$(echo $h | cut -c1-2)/$(echo $h | cut -c3-)"
	[ "$(sha256sum <"$f" | cut -d' ' -f1)" = "$h" ] || t_fail "bundle blob $h is wrong"
done
# Attachments inside archives are not copied again; folder files are.
n=$(sqlite3 "$T/db/ii.db" "SELECT DISTINCT f.sha256 FROM files f JOIN bundles b ON b.id = f.bundle_id
	WHERE b.kind = 'archive' AND f.kind = 'attachment'" | while read -r h; do
	[ ! -e "$T/db/store/$(echo $h | cut -c1-2)/$(echo $h | cut -c3-)" ] || echo "$h"
done | wc -l)
[ "$n" = 0 ] || t_fail "$n attachments of archives copied into the store"
for h in $(sqlite3 "$T/db/ii.db" "SELECT f.sha256 FROM files f JOIN bundles b ON b.id = f.bundle_id
	WHERE b.kind = 'folder' OR f.kind LIKE 'form_%' OR f.kind LIKE 'summary%'"); do
	f="$T/db/store/$(echo $h | cut -c1-2)/$(echo $h | cut -c3-)"
	[ "$(sha256sum <"$f" | cut -d' ' -f1)" = "$h" ] || t_fail "blob $h is missing or wrong"
done
# Byte ranges were found for the stored members of zips (nested ones too).
sqlite3 "$T/db/ii.db" "SELECT count(*) FROM files WHERE data_offset IS NOT NULL AND depth = 1" |
	grep -qv '^0$'
# Inside the 7z, nothing has a byte range: read by entry.
[ "$(sqlite3 "$T/db/ii.db" "SELECT count(*) FROM files f JOIN bundles b ON b.id = f.bundle_id
	WHERE b.inbox_name LIKE '%.7z' AND f.data_offset IS NOT NULL")" = 0 ]
# Nothing else: the blobs add up to the archives plus those files at most.
store=$(find "$T/db/store" -path "$T/db/store/tmp" -prune -o -type f -printf '%s\n' |
	awk '{ s += $1 } END { print s + 0 }')
archives=$(sqlite3 "$T/db/ii.db" "SELECT sum(size) FROM (SELECT DISTINCT sha256, size FROM bundles
	WHERE kind = 'archive')")
beside=$(sqlite3 "$T/db/ii.db" "SELECT sum(size) FROM (SELECT DISTINCT f.sha256, f.size FROM files f
	JOIN bundles b ON b.id = f.bundle_id
	WHERE b.kind = 'folder' OR f.kind LIKE 'form_%' OR f.kind LIKE 'summary%')")
echo "store: $store bytes; archives $archives, forms, tables and folder files $beside"
[ "$store" -ge "$archives" ] && [ "$store" -le $((archives + beside)) ] ||
	t_fail "the store holds more than each bundle once and its forms"
CASE

t_case "every original in the packets is byte-identical to the file in its bundle" <<'CASE'
# The files of every bundle, unpacked by bsdtar (nested zips too), by SHA-256.
mkdir -p x
n=0
for f in "$T/inbox"/*; do
	n=$((n + 1))
	mkdir -p "x/$n"
	if [ -d "$f" ]; then
		cp -R "$f/." "x/$n/"
	else
		bsdtar -xf "$f" -C "x/$n" 2>/dev/null ||
			bsdtar --options hdrcharset=CP936 -xf "$f" -C "x/$n"
	fi
done
find x -type f -name '*.zip' | while IFS= read -r z; do
	mkdir -p "$z.d" && bsdtar -xf "$z" -C "$z.d"
done
find x -type f -exec sha256sum {} + | cut -d' ' -f1 | sort -u >inside.txt
# Every original in every packet (not the worksheets, not the index).
$PY - "$T/out/packets" >packed.txt <<'PY'
import hashlib, os, sys, zipfile
d = sys.argv[1]
for p in sorted(os.listdir(d)):
    z = zipfile.ZipFile(os.path.join(d, p))
    for n in z.namelist():
        leaf = n.rsplit("/", 1)[-1]
        if "/" not in n or leaf.startswith("评审工作表-"):
            continue
        print(hashlib.sha256(z.read(n)).hexdigest(), n)
PY
total=$(wc -l <packed.txt)
echo "$total originals in the packets"
[ "$total" -gt 100 ] || t_fail "too few originals in the packets: $total"
bad=$(cut -d' ' -f1 packed.txt | sort -u | comm -23 - inside.txt | wc -l)
[ "$bad" = 0 ] || t_fail "$bad originals differ from every file in the bundles"
# As many as the database ties to the ranked applications.
want=$(sqlite3 "$T/db/ii.db" "SELECT count(*) FROM files f JOIN applications a
	ON f.application_id = a.id OR f.id = a.form_file_id JOIN rankings r ON r.application_id = a.id
	JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current'")
[ "$total" = "$want" ] || t_fail "packets hold $total originals, the database $want"
# The originals of the 7z's nested zips and of the tar.gz are among them.
sqlite3 "$T/db/ii.db" "SELECT f.sha256 FROM files f JOIN bundles b ON b.id = f.bundle_id
	WHERE (b.inbox_name LIKE '%.7z' AND f.depth = 1 OR b.inbox_name LIKE '%.tar.gz')
	AND f.application_id IS NOT NULL" | sort -u >solid.txt
[ -s solid.txt ]
[ "$(cut -d' ' -f1 packed.txt | sort -u | comm -12 - solid.txt | wc -l)" -gt 0 ]
CASE

t_case "a damaged bundle blob is an error of the store, not a silent packet" <<'CASE'
h=$(sqlite3 "$T/db/ii.db" "SELECT b.sha256 FROM bundles b JOIN files f ON f.bundle_id = b.id
	WHERE f.data_offset IS NOT NULL AND f.application_id IS NOT NULL AND f.kind = 'attachment'
	LIMIT 1")
off=$(sqlite3 "$T/db/ii.db" "SELECT f.data_offset FROM files f JOIN bundles b ON b.id = f.bundle_id
	WHERE b.sha256 = '$h' AND f.data_offset IS NOT NULL AND f.kind = 'attachment'
	AND f.application_id IS NOT NULL LIMIT 1")
f="$T/db/store/$(echo $h | cut -c1-2)/$(echo $h | cut -c3-)"
cp "$f" saved
chmod u+w "$f"
printf 'XXXX' | dd of="$f" bs=1 seek="$off" conv=notrunc 2>/dev/null
rm -rf "$T/out/packets"
if ii output --packets 2>err.txt; then
	cat err.txt
	cp saved "$f"
	t_fail "output succeeded on a damaged store"
fi
cp saved "$f"
cat err.txt
grep -q "the store is damaged" err.txt
CASE
