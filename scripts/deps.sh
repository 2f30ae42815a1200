#!/bin/sh
# Install the Debian packages iireview needs to build and run, when missing.
# As root: apt-get installs them.  Otherwise: print the exact command and fail.
set -e
# Build: compiler, pkg-config and the libraries.  Tests: bsdtar and sqlite3 to
# build bundles and inspect the database from shell scripts.
need="build-essential pkg-config libarchive-dev libxlsxwriter-dev libsqlite3-dev libpcre2-dev libexpat1-dev libssl-dev libarchive-tools sqlite3"
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
else
	echo "deps: missing Debian packages. Run as root:" >&2
	echo "  apt-get install -y$missing" >&2
	exit 1
fi
