#!/bin/sh
# bench/run.sh - the benchmark of issues 9 and 15: iireview against floor R
# (openssl dgst + bsdtar -xOf | openssl dgst), floor K (floor R + cp + sync -f)
# and a scripted peer (python-docx + openpyxl).
#
#   sh bench/run.sh [--quick] [--repeat N] [--units N] [--per-unit N]
#                   [--attach-kb N] [--seed N] [--keep]
#   make bench                  default scale: 16 units x 200 applications, 1 MiB attachments
#   make bench ARGS=--quick     16 x 20, 256 KiB attachments (also BENCH_QUICK=1)
#   BENCH_BIN=DIR BENCH_RULES=DIR  measure DIR/iireview, DIR/iireview-gen with other rules
#   BENCH_PEER=skip                 leave out the peer (minutes at the default scale)
#
# Everything is written under bench/work/ (or $BENCH_WORK).  Each figure is
# measured --repeat times (3 by default) and the median is reported.  The
# binaries are copied to bench/work/bin first, so a rebuild in the tree during
# the run does not change what is measured.  The scratch state (database,
# store, out) is deleted at the end unless --keep; the generated batch is kept
# and reused by the next run at the same scale.
#
# See docs/performance.md for the figures and what they mean.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/bench/work}
B=${B:-build}

UNITS=16 PER_UNIT=200 ATTACH_KB=1024 SEED=2019 REPEAT=3 KEEP=0 SCALE=default
[ "${BENCH_QUICK:-0}" = 1 ] && { PER_UNIT=20 ATTACH_KB=256 SCALE=quick; }

usage() {
	sed -n '4,9p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--quick) PER_UNIT=20 ATTACH_KB=256 SCALE=quick ;;
	--repeat) REPEAT=$2; shift ;;
	--units) UNITS=$2 SCALE=custom; shift ;;
	--per-unit) PER_UNIT=$2 SCALE=custom; shift ;;
	--attach-kb) ATTACH_KB=$2 SCALE=custom; shift ;;
	--seed) SEED=$2; shift ;;
	--keep) KEEP=1 ;;
	-h | --help) usage ;;
	*) echo "bench: unknown option $1" >&2; usage ;;
	esac
	shift
done
case $REPEAT in '' | *[!0-9]* | 0) echo "bench: --repeat needs a positive number" >&2; exit 2 ;; esac

say() { printf 'bench: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- tools
if [ ! -x /usr/bin/time ]; then
	if [ "$(id -u)" = 0 ]; then
		say "installing the Debian package 'time' (/usr/bin/time)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } || true
	else
		say "/usr/bin/time is missing (run as root: apt-get install -y time);"
		say "wall times come from date(1), CPU time and peak RSS are not measured"
	fi
fi
HAVE_TIME=0
[ -x /usr/bin/time ] && HAVE_TIME=1
command -v bsdtar >/dev/null || { say "bsdtar is missing (apt-get install -y libarchive-tools)"; exit 1; }
command -v sha256sum >/dev/null || { say "sha256sum is missing (coreutils)"; exit 1; }
TASKSET="taskset -c 0"
command -v taskset >/dev/null || { say "taskset is missing (util-linux): normalize is not pinned to one core"; TASKSET=""; }

# BENCH_BIN: another folder holding iireview and iireview-gen (e.g. a build of
# a clean checkout); default the tree's build/.
BIN=${BENCH_BIN:-$ROOT/$B}
[ -x "$BIN/iireview" ] && [ -x "$BIN/iireview-gen" ] ||
	{ say "no $BIN/iireview or $BIN/iireview-gen: build first (make all)"; exit 1; }
mkdir -p "$WORK/bin"
cp "$BIN/iireview" "$BIN/iireview-gen" "$WORK/bin/"
IIREVIEW=$WORK/bin/iireview
GEN=$WORK/bin/iireview-gen
# BENCH_RULES: the rules folder (default the tree's rules/).
RULES=${BENCH_RULES:-$ROOT/rules}

# ---------------------------------------------------------------- measuring
# Each measurement appends "label wall user sys maxrss_kib" to $RES.
RES=$WORK/results.txt
: >"$RES"
TF=$WORK/time.out

# measure LABEL CMD... : run CMD once, record its wall, user, sys and peak RSS.
measure() {
	label=$1
	shift
	if [ $HAVE_TIME = 1 ]; then
		/usr/bin/time -v -o "$TF" "$@" >"$WORK/last.log" 2>&1 || {
			say "$label: command failed ($*):"
			tail -n 20 "$WORK/last.log" >&2
			exit 1
		}
		awk -v l="$label" -F': ' '
			/Elapsed \(wall clock\)/ { n = split($NF, p, ":"); w = 0
				for (i = 1; i <= n; i++) w = w * 60 + p[i] }
			/User time \(seconds\)/ { u = $NF }
			/System time \(seconds\)/ { s = $NF }
			/Maximum resident set size/ { m = $NF }
			END { printf "%s %.3f %.2f %.2f %d\n", l, w, u, s, m }' "$TF" >>"$RES"
	else
		t0=$(date +%s.%N)
		"$@" >"$WORK/last.log" 2>&1 || { say "$label: command failed"; tail -n 20 "$WORK/last.log" >&2; exit 1; }
		t1=$(date +%s.%N)
		echo "$label $(echo "$t1 - $t0" | bc) - - -" >>"$RES"
	fi
	tail -n 1 "$RES" | awk '{ printf "bench:   %-22s %8.2f s wall  %7s s user  %7s s sys  %8s KiB\n", $1, $2, $3, $4, $5 }' >&2
}

# median LABEL FIELD : the median of one column (2 wall, 3 user, 4 sys, 5 rss;
# 34 = user+sys) over the measurements of LABEL; "-" when there are none.
median() {
	awk -v l="$1" -v f="$2" '$1 == l {
			v = (f == 34) ? $3 + $4 : $f
			if (v == "-") next
			a[n++] = v + 0 }
		END {
			if (!n) { print "-"; exit }
			for (i = 1; i < n; i++) for (j = i; j > 0 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
			printf "%.3f\n", (n % 2) ? a[int(n/2)] : (a[n/2-1] + a[n/2]) / 2 }' "$RES"
}
maxof() {
	awk -v l="$1" '$1 ~ l && $5 != "-" && $5 + 0 > m { m = $5 + 0 } END { print m + 0 }' "$RES"
}

# ---------------------------------------------------------------- the batch
INBOX=$WORK/inbox
STAMP="seed=$SEED units=$UNITS per_unit=$PER_UNIT attach_kb=$ATTACH_KB gen=$(sha256sum <"$GEN" | cut -c1-16)"
if [ -f "$INBOX/.bench-complete" ] && [ "$(cat "$INBOX/.bench-complete")" = "$STAMP" ]; then
	say "reusing the batch in $INBOX ($STAMP)"
else
	say "generating $UNITS units x $PER_UNIT applications, --attach-kb $ATTACH_KB into $INBOX"
	rm -rf "$INBOX" "$WORK/unpacked" "$WORK/variants"
	t0=$(date +%s)
	"$GEN" --seed "$SEED" --units "$UNITS" --per-unit "$PER_UNIT" --attach-kb "$ATTACH_KB" \
		--out "$INBOX" --truth "$WORK/truth.tsv"
	say "generated in $(($(date +%s) - t0)) s"
	echo "$STAMP" >"$INBOX/.bench-complete"
fi
APPS=$(awk -F'\t' '$1 == "application"' "$WORK/truth.tsv" | wc -l)
BYTES=$(du -sb --exclude=.bench-complete "$INBOX" | cut -f1)
say "batch: $APPS applications, $(echo "$BYTES" | awk '{ printf "%.1f MB", $1 / 1e6 }')"

# The replaced unit: the first (南京市, a UTF-8 zip), regenerated with other
# seeds.  With --units 1 the generator writes only that unit's bundle, under
# the same name; its applications are new ones (other enterprises).
VARIANTS=$WORK/variants
[ -f "$VARIANTS/.stamp" ] && [ "$(cat "$VARIANTS/.stamp")" = "$STAMP" ] || rm -rf "$VARIANTS"
mkdir -p "$VARIANTS"
echo "$STAMP" >"$VARIANTS/.stamp"
i=1
while [ $i -le "$REPEAT" ]; do
	if [ ! -f "$VARIANTS/$i.truth.tsv" ]; then
		rm -rf "$VARIANTS/$i"
		"$GEN" --seed $((SEED + 1000 + i)) --units 1 --per-unit "$PER_UNIT" --attach-kb "$ATTACH_KB" \
			--out "$VARIANTS/$i" --truth "$VARIANTS/$i.tmp" >/dev/null
		mv "$VARIANTS/$i.tmp" "$VARIANTS/$i.truth.tsv"
	fi
	i=$((i + 1))
done
REPLACED=$(cd "$VARIANTS/1" && ls)
[ -f "$INBOX/$REPLACED" ] || { say "variant $REPLACED is not a bundle of the batch"; exit 1; }
# The replaced bundle is put back on any exit, and at the start after an
# interrupted run, so the batch stays as generated.
restore_bundle() {
	if [ -f "$WORK/original.bundle" ]; then
		rm -f "$INBOX/$REPLACED"
		mv "$WORK/original.bundle" "$INBOX/$REPLACED"
	fi
}
restore_bundle
trap restore_bundle EXIT
trap 'exit 130' INT TERM HUP

# ---------------------------------------------------------------- the floor
# Floor R (read): per bundle, openssl dgst -sha256 of the bundle and
# bsdtar -xOf bundle | openssl dgst -sha256 (every file inside, decompressed
# and hashed; a plain-folder bundle: its files through cat).  Floor K
# (keep): floor R plus cp of each bundle into a store folder and one final
# sync -f of it, the least a program that keeps what it received must do.
# openssl uses the CPU's SHA instructions, as iireview's libcrypto does
# (sha256sum in Debian 12 does not: the old floor, docs/performance.md).
command -v openssl >/dev/null || { say "openssl is missing (apt-get install -y openssl)"; exit 1; }
FLOOR_R='for f in "$1"/*; do
	if [ -d "$f" ]; then find "$f" -type f -exec cat {} + | openssl dgst -sha256 >/dev/null
	else openssl dgst -sha256 "$f" >/dev/null && bsdtar -xOf "$f" | openssl dgst -sha256 >/dev/null; fi
done'
FLOOR_K='for f in "$1"/*; do
	if [ -d "$f" ]; then find "$f" -type f -exec cat {} + | openssl dgst -sha256 >/dev/null; cp -R "$f" "$2/"
	else openssl dgst -sha256 "$f" >/dev/null && bsdtar -xOf "$f" | openssl dgst -sha256 >/dev/null && cp "$f" "$2/"; fi
done
sync -f "$2"'
FSTORE=$WORK/floor-store
say "floor R and floor K, $REPEAT times each (after one untimed read to warm the page cache)"
sh -c "$FLOOR_R" sh "$INBOX"
i=0
while [ $i -lt "$REPEAT" ]; do
	measure floor_r sh -c "$FLOOR_R" sh "$INBOX"
	rm -rf "$FSTORE"
	mkdir -p "$FSTORE"
	sync
	measure floor_k sh -c "$FLOOR_K" sh "$INBOX" "$FSTORE"
	rm -rf "$FSTORE"
	i=$((i + 1))
done

# ---------------------------------------------------------------- the pipeline
S=$WORK/state
DB=$S/iireview.db
OPTS="--inbox $INBOX --db $DB --out $S/out --rules $RULES --store $S/store -q"
fresh() {
	rm -rf "$S"
	mkdir -p "$S/out"
}
# Paths in $WORK must not hold blanks (OPTS is split by the shell).
case $WORK in *[[:space:]]*) say "BENCH_WORK must not contain blanks"; exit 2 ;; esac

say "full run from empty state, $REPEAT times"
i=0
while [ $i -lt "$REPEAT" ]; do
	fresh
	sync
	# shellcheck disable=SC2086
	measure run_full "$IIREVIEW" run $OPTS
	i=$((i + 1))
done
# The store against the bundles it keeps (target: at most 1.05 x).
STORE_BYTES=$(du -sb "$S/store" | cut -f1)
say "store: $(echo "$STORE_BYTES $BYTES" | awk '{ printf "%.1f MB, %.3f x the bundles", $1 / 1e6, $1 / $2 }')"
# The state of the last full run stays for the reruns.
say "rerun with nothing changed, $REPEAT times"
i=0
while [ $i -lt "$REPEAT" ]; do
	# shellcheck disable=SC2086
	measure run_unchanged "$IIREVIEW" run $OPTS
	i=$((i + 1))
done
say "rerun after one unit's bundle ($REPLACED) is replaced, $REPEAT times"
cp -p "$INBOX/$REPLACED" "$WORK/original.bundle"
i=1
while [ $i -le "$REPEAT" ]; do
	# A fresh copy: new bytes, new mtime and inode, as when a clerk copies it in.
	rm -f "$INBOX/$REPLACED"
	cp "$VARIANTS/$i/$REPLACED" "$INBOX/$REPLACED"
	# On disk before the clock starts, as before the full runs and floor K:
	# ingest ends with one syncfs(), which would otherwise also wait for the
	# gigabyte this script has just copied (the variant, and before the
	# first repetition its own copy of the original bundle).
	sync
	# shellcheck disable=SC2086
	measure run_one_unit "$IIREVIEW" run $OPTS
	i=$((i + 1))
done
# Put the batch back as generated, so the next bench run starts from the same bytes.
restore_bundle

say "stages one by one from empty state; normalize alone on one core, $REPEAT times"
fresh
sync
for st in ingest normalize evaluate aggregate output; do
	# shellcheck disable=SC2086
	measure "stage_$st" "$IIREVIEW" "$st" $OPTS
	if [ $st = ingest ]; then
		cp "$DB" "$WORK/after-ingest.db"
	fi
done
i=0
while [ $i -lt "$REPEAT" ]; do
	cp "$WORK/after-ingest.db" "$DB"
	# shellcheck disable=SC2086
	measure normalize_1core $TASKSET "$IIREVIEW" normalize $OPTS
	i=$((i + 1))
done
rm -f "$WORK/after-ingest.db"

# ---------------------------------------------------------------- the peer
# The same forms, unpacked once (not timed), read by bench/peer.py.
PY=/usr/bin/python3
PEER=skip
if [ "${BENCH_PEER:-run}" = skip ]; then
	PEER_WHY="BENCH_PEER=skip (the peer's figure does not depend on iireview's build)"
elif [ ! -x $PY ]; then
	PEER_WHY="/usr/bin/python3 is missing (apt-get install -y python3 python3-docx python3-openpyxl)"
elif ! $PY -c 'import docx, openpyxl' 2>/dev/null; then
	PEER_WHY="python-docx or openpyxl is missing (apt-get install -y python3-docx python3-openpyxl)"
else
	PEER=run
fi
if [ $PEER = run ]; then
	U=$WORK/unpacked
	if [ ! -f "$U/.complete" ] || [ "$(cat "$U/.complete")" != "$STAMP" ]; then
		say "unpacking the bundles for the peer into $U (not timed)"
		rm -rf "$U"
		mkdir -p "$U"
		n=0
		for f in "$INBOX"/*; do
			n=$((n + 1))
			mkdir -p "$U/$n"
			if [ -d "$f" ]; then
				cp -R "$f/." "$U/$n/"
			else
				LC_ALL=C.UTF-8 bsdtar -xf "$f" -C "$U/$n" 2>/dev/null || {
					rm -rf "$U/$n" && mkdir -p "$U/$n" &&
						LC_ALL=C.UTF-8 bsdtar --options hdrcharset=CP936 -xf "$f" -C "$U/$n"
				}
			fi
		done
		# Nested archives (one zip per enterprise): unpack beside themselves.
		find "$U" -type f -name '*.zip' | while IFS= read -r z; do
			mkdir -p "$z.d" && LC_ALL=C.UTF-8 bsdtar -xf "$z" -C "$z.d" && rm -f "$z"
		done
		# Attachments are not read by the peer; drop them to save disk.
		find "$U" -type f ! -name '*.docx' ! -name '*.xlsx' -delete
		echo "$STAMP" >"$U/.complete"
	fi
	say "peer: bench/peer.py (python-docx, openpyxl) on the same forms, $REPEAT times"
	i=0
	while [ $i -lt "$REPEAT" ]; do
		measure peer_1core $TASKSET $PY "$ROOT/bench/peer.py" --rules "$RULES" "$U"
		i=$((i + 1))
	done
	sed 's/^/bench:   peer: /' "$WORK/last.log" >&2
else
	say "SKIP peer: $PEER_WHY"
fi

[ $KEEP = 1 ] || rm -rf "$S"

# ---------------------------------------------------------------- the table
FR=$(median floor_r 2)
FK=$(median floor_k 2)

FULL=$(median run_full 2)
FULL_CPU=$(median run_full 34)
UNCH=$(median run_unchanged 2)
ONE=$(median run_one_unit 2)
NORM=$(median normalize_1core 2)
PEERT=$(median peer_1core 2)
RSS=$(maxof '^(run_|stage_|normalize_)')
FORMS=$(echo "$APPS $NORM" | awk '{ printf "%.0f", $1 / $2 }')
# By user+sys as well: on a shared machine the wall time also counts the
# other jobs' turns on the core, the processor time only normalize's own.
FORMS_CPU=$(echo "$APPS $(median normalize_1core 34)" | awk '$2 > 0 { printf "%.0f", $1 / $2; next } { print "-" }')
if [ "$PEERT" != - ]; then
	PEERF=$(echo "$APPS $PEERT" | awk '{ printf "%.1f", $1 / $2 }')
else
	PEERF=-
fi
STAGESUM=$(awk '$1 ~ /^stage_/ { s += $2 } END { printf "%.3f", s }' "$RES")

r() { echo "$1 $2" | awk '$1 == "-" || $2 == "-" || $2 == 0 { print "-"; next } { printf "%.2f x\n", $1 / $2 }'; }
row() { printf '%-40s %10s %20s %10s %10s %10s\n' "$1" "$2" "$3" "$4" "$5" "${6:-}"; }
sec() { [ "$1" = - ] && echo - || printf '%.2f s' "$1"; }
mib() { echo "$1" | awk '$1 == "-" || $1 == 0 { print "-"; next } { printf "%.1f MiB\n", $1 / 1024 }'; }

echo
echo "iireview benchmark, $SCALE scale: $UNITS units x $PER_UNIT applications ($APPS forms), --attach-kb $ATTACH_KB,"
echo "$(echo "$BYTES" | awk '{ printf "%.1f MB", $1 / 1e6 }') of bundles; median of $REPEAT; $(nproc) cores, $(uname -m); $(date -u +%Y-%m-%dT%H:%MZ)"
echo
row figure wall "user / sys" "peak RSS" "/ floor K" "/ floor R"
us() { printf '%s / %s' "$(sec "$(median "$1" 3)")" "$(sec "$(median "$1" 4)")"; }
row "floor R: openssl + bsdtar|openssl" "$(sec "$FR")" "$(us floor_r)" "" "$(r "$FR" "$FK")" "1.00 x"
row "floor K: floor R + cp + sync -f" "$(sec "$FK")" "$(us floor_k)" "" "1.00 x" "$(r "$FK" "$FR")"
row "iireview run, empty state" "$(sec "$FULL")" "$(us run_full)" "$(mib "$(median run_full 5)")" "$(r "$FULL" "$FK")" "$(r "$FULL" "$FR")"
for st in ingest normalize evaluate aggregate output; do
	w=$(median "stage_$st" 2)
	share=$(echo "$w $STAGESUM" | awk '{ printf "%.0f %%", 100 * $1 / $2 }')
	row "  stage $st ($share)" "$(sec "$w")" "$(us "stage_$st")" "$(mib "$(median "stage_$st" 5)")" "$(r "$w" "$FK")" "$(r "$w" "$FR")"
done
row "rerun, nothing changed" "$(sec "$UNCH")" "$(us run_unchanged)" "$(mib "$(median run_unchanged 5)")" "$(r "$UNCH" "$FK")"
row "rerun, one unit replaced" "$(sec "$ONE")" "$(us run_one_unit)" "$(mib "$(median run_one_unit 5)")" "$(r "$ONE" "$FK")"
row "normalize alone, 1 core" "$(sec "$NORM")" "$(us normalize_1core)" "$(mib "$(median normalize_1core 5)")" "$(r "$NORM" "$FK")"
row "peer (python-docx, openpyxl), 1 core" "$(sec "$PEERT")" "$(us peer_1core)" "$(mib "$(median peer_1core 5)")" "$(r "$PEERT" "$FK")"
echo
printf 'normalize: %s forms/s on one core (%s by user+sys); peer: %s forms/s; normalize / peer: %s\n' \
	"$FORMS" "$FORMS_CPU" "$PEERF" "$(r "$PEERT" "$NORM")"
[ $PEER = skip ] && echo "SKIP peer: $PEER_WHY"
echo
echo "load: $(uptime)"
echo "store: $(echo "$STORE_BYTES $BYTES" | awk '{ printf "%.1f MB for %.1f MB of bundles, %.3f x", $1 / 1e6, $2 / 1e6, $1 / $2 }')"
echo
echo "targets (issue 15, then issue 9):"
check() { # check NAME OK(1/0/-) DETAIL
	case $2 in 1) v=PASS ;; 0) v=MISS ;; *) v=SKIP ;; esac
	printf '  %-4s %-44s %s\n' "$v" "$1" "$3"
}
ok() { echo "$@" | awk '$1 == "-" || $2 == "-" { print "-"; exit } { print ($1 <= $2) ? 1 : 0 }'; }
check "full run <= 1.2 x floor K" "$(ok "$FULL" "$(echo "$FK" | awk '{ print 1.2 * $1 }')")" \
	"$(r "$FULL" "$FK") floor K, $(r "$FULL" "$FR") floor R"
check "store <= 1.05 x bundles" "$(ok "$STORE_BYTES" "$(echo "$BYTES" | awk '{ printf "%.0f", 1.05 * $1 }')")" \
	"$(echo "$STORE_BYTES $BYTES" | awk '{ printf "%.3f x", $1 / $2 }')"
check "unchanged rerun <= 1 % of full run" "$(ok "$UNCH" "$(echo "$FULL" | awk '{ print 0.01 * $1 }')")" \
	"$(echo "$UNCH $FULL" | awk '{ printf "%.1f %%", 100 * $1 / $2 }')"
check "one unit replaced <= 1/16 of full + 2 %" "$(ok "$ONE" "$(echo "$FULL" | awk '{ print $1 / 16 + 0.02 * $1 }')")" \
	"$(echo "$ONE $FULL" | awk '{ printf "%.1f %%", 100 * $1 / $2 }')"
check "normalize >= 300 forms/s on one core" "$(ok 300 "$FORMS")" "$FORMS forms/s"
if [ "$PEERT" != - ]; then
	check "normalize >= 30 x peer" "$(ok 30 "$(echo "$PEERT $NORM" | awk '{ print $1 / $2 }')")" "$(r "$PEERT" "$NORM")"
else
	check "normalize >= 30 x peer" - "peer skipped"
fi
if [ "$RSS" != 0 ]; then
	check "peak RSS <= 64 MiB" "$(ok "$RSS" 65536)" "$(mib "$RSS") (largest of every iireview measurement)"
else
	check "peak RSS <= 64 MiB" - "not measured (no /usr/bin/time)"
fi
echo
echo "raw measurements: $RES"
