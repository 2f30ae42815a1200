#!/bin/sh
# Personal data (issue 10 §6): the database, the store and the outputs are
# created 0640 (files) and 0750 (folders) whatever the umask lets through;
# nothing from the forms reaches a shell (no system, popen or exec in the
# project's C sources but the driver's execv of itself; docs/hardening.md).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../mkdocs.sh"

export LC_ALL=C.UTF-8

t_case "database, store and outputs are 0640 files in 0750 folders under umask 022" <<'CASE'
command -v bsdtar >/dev/null || { echo "no bsdtar: nothing to build the bundle with"; exit 0; }
umask 022
mk_unit_dir u 南京 2 && mkdir inbox
(cd u && bsdtar --format zip -cf ../inbox/南京市.zip .)
"$IIREVIEW" run -q --inbox inbox --db data/ii.db --out out --rules "$TOP/rules"
ls -la data out
# The database and its companions (a missing -wal or -shm is fine).
for f in data/ii.db data/ii.db-wal data/ii.db-shm data/ii.db.lock; do
	[ ! -e "$f" ] || [ "$(stat -c %a "$f")" = 640 ] || t_fail "$f is $(stat -c %a "$f")"
done
bad=$(find data/store out -type f ! -perm 0640; find data/store out -type d ! -perm 0750)
[ -z "$bad" ] || t_fail "wrong modes: $bad"
[ -n "$(find out -name '*.xlsx')" ] || t_fail "no workbook written"
CASE

t_case "no shell: the only execs are of /proc/self/exe (the driver's stages, output's workers)" <<'CASE'
cd "$TOP"
hits=$(grep -nE '\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|posix_spawnp?)[[:space:]]*\(' \
	common/*.c ingest/*.c normalize/*.c evaluate/*.c aggregate/*.c output/*.c collect/*.c cli/*.c |
	grep -v '^cli/cmd_run.c:.*execv("/proc/self/exe"' |
	grep -v '^common/procpool.c:.*execv(argv\[0\]' || :)
echo "$hits"
[ -z "$hits" ]
# procpool runs the argv its callers give: each is our own binary.
argvs=$(grep -h 'worker_argv\[\] = ' cli/*.c)
[ -n "$argvs" ]
! echo "$argvs" | grep -v '= {"/proc/self/exe",'
CASE
