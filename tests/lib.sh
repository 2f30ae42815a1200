# tests/lib.sh - helpers for end-to-end tests, sourced by tests/e2e/*.sh.
#
# Each case is
#	t_case "title" <<'CASE'
#	...shell commands; the case fails when any command fails (set -e)...
#	CASE
# and prints "PASS <script>:<title>" or "FAIL <script>:<title>" with its
# output; t_skip "title" "reason" prints "SKIP".  tests/run.sh counts them.
# Scripts get $IIREVIEW, $GEN, $TOP (project root) and a scratch dir $T.

set -u
TOP=${TOP:-$(cd "$(dirname "$0")/../.." && pwd)}
B=${B:-build}
case $B in /*) ;; *) B=$TOP/$B ;; esac
IIREVIEW=$B/iireview
GEN=$B/iireview-gen
SCRIPT=$(basename "$0")
T=$(mktemp -d "${TMPDIR:-/tmp}/iireview-e2e-XXXXXX")
trap '[ -n "${KEEP_TEST_DIRS:-}" ] || rm -rf "$T"' EXIT

t_case() {
	_title=$1
	_body=$(cat)
	_log=$T/.case.log
	# Not inside an `if`: there, set -e would be ignored in the subshell.
	(set -e; cd "$T"; eval "$_body") >"$_log" 2>&1
	_rc=$?
	if [ $_rc -eq 0 ]; then
		echo "PASS $SCRIPT:$_title"
	else
		echo "FAIL $SCRIPT:$_title"
		sed 's/^/    /' "$_log" | tail -n 40
	fi
}

t_skip() {
	echo "SKIP $SCRIPT:$1"
	echo "    skipped: $2"
}

# t_need NAME TOOL...: the script NAME is skipped (one SKIP line, exit 0)
# unless every TOOL is installed.
t_need() {
	_name=$1
	shift
	for _tool; do
		if ! command -v "$_tool" >/dev/null 2>&1; then
			t_skip "$_name" "$_tool is not installed"
			exit 0
		fi
	done
}

# t_need_samples NAME: likewise unless the sample batch is there.
t_need_samples() {
	if [ ! -f "$TOP/samples/inbox/.complete" ]; then
		t_skip "$1" "no sample batch (make samples)"
		exit 0
	fi
}

# t_fail MSG: fail the current case with a message.
t_fail() {
	echo "$*" >&2
	return 1
}
