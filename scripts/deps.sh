#!/bin/sh
# scripts/deps.sh [build|test] - install the Debian packages iireview needs,
# when missing: to build and run it (build, the default), or also to run
# every test (test: `make test` and `make check-asan` ask for it).
# As root: apt-get installs them.  Otherwise: print the exact command; a
# build fails there, a test run goes on and the tests that need a missing
# package say that they are skipped and why.
#
# Not installed even for tests: LibreOffice (libreoffice-writer-nogui,
# libreoffice-calc-nogui), hundreds of MB for the few tests of .doc/.wps
# conversion and PDF export; those tests print the apt-get line that
# enables them.
set -e
what=${1:-build}
# Build: compiler, pkg-config and the libraries.  Tests too: bsdtar and
# sqlite3 build bundles and inspect the database from shell scripts.
need="build-essential pkg-config libarchive-dev libxlsxwriter-dev libsqlite3-dev libpcre2-dev libexpat1-dev libssl-dev libarchive-tools sqlite3"
case $what in
build) ;;
# The workbook and form read-backs (openpyxl, python-docx, with Debian's
# /usr/bin/python3), the man page check (man) and the encrypted 7z of the
# hostile corpus (7z: bsdtar cannot encrypt 7z).
test) need="$need python3 python3-openpyxl python3-docx man-db p7zip-full" ;;
*)
	echo "usage: scripts/deps.sh [build|test]" >&2
	exit 2
	;;
esac
missing=""
for p in $need; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || apt-get update
	apt-get install -y -qq $missing
elif [ "$what" = test ]; then
	echo "deps: missing Debian packages for some tests (they will say they are skipped). Run as root:" >&2
	echo "  apt-get install -y$missing" >&2
else
	echo "deps: missing Debian packages. Run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
