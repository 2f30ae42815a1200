#!/bin/sh
# scripts/layout.sh [DIR] - check the include layout of the tree at DIR
# (default: the project this script belongs to).  Part of `make lint`.
#
# The stages share nothing but the database and common/ (README.md), so:
#   - common/ includes only common/ headers;
#   - a stage (ingest normalize evaluate aggregate output collect) and the
#     generator samples/gen include only their own headers and common/'s;
#   - cli/, the driver, may include any of them;
#   - no chain of includes leads back to the file it started from, nor
#     from folder to folder back to the folder it started from.
# tests/ is not checked: unit tests reach into a stage on purpose.
#
# Prints one line per breach, "layout: FILE:LINE: ...", and exits 1 when
# there is any; exits 2 on a usage error.
set -u
TOP=${1:-$(cd "$(dirname "$0")/.." && pwd)}
if [ ! -d "$TOP" ]; then
	echo "layout: $TOP is not a folder" >&2
	exit 2
fi
cd "$TOP" || exit 2

STAGES="ingest normalize evaluate aggregate output collect"
DIRS="common $STAGES samples/gen cli"
edges=$(mktemp)
folders=$(mktemp)
bad=$(mktemp)
loop=$(mktemp)
trap 'rm -f "$edges" "$folders" "$bad" "$loop"' EXIT

for d in $DIRS; do
	[ -d "$d" ] || continue
	for f in "$d"/*.c "$d"/*.h; do
		[ -f "$f" ] || continue
		# Each quoted include, resolved as the compiler does with -I.:
		# beside the file first, then from the top of the tree.
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
			sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1 \2/' |
			while read -r line inc; do
				if [ -f "$d/$inc" ]; then
					target=$d/$inc
				elif [ -f "$inc" ]; then
					target=$inc
				else
					# A missing header is the compiler's to report.
					continue
				fi
				tdir=$(dirname "$target")
				echo "$f $target" >>"$edges"
				[ "$tdir" = "$d" ] && continue
				echo "$d $tdir" >>"$folders"
				case $d in
				cli) ok=1 ;;
				*) [ "$tdir" = common ] && ok=1 || ok=0 ;;
				esac
				if [ $ok = 0 ]; then
					if [ "$d" = common ]; then
						why="common/ includes only common/"
					else
						why="a stage includes only its own headers and common/"
					fi
					echo "layout: $f:$line: includes $target: $why" >>"$bad"
				fi
			done
	done
done

# tsort names the members of every loop on stderr and fails.
for g in "files:$edges" "folders:$folders"; do
	if ! tsort "${g#*:}" >/dev/null 2>"$loop"; then
		echo "layout: the includes of these ${g%%:*} form a cycle:" >>"$bad"
		grep -v "input contains a loop" "$loop" | sed "s/^tsort: /    /" | awk "!seen[\$0]++" >>"$bad"
	fi
done

if [ -s "$bad" ]; then
	cat "$bad"
	exit 1
fi
exit 0
