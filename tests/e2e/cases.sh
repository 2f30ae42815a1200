#!/bin/sh
# cases.sh - the hand-checked cases of tests/cases/ (issue 13, part 7): one
# small bundle per fill habit of the field trial, with real .docx/.xlsx files
# written by python-docx/openpyxl (tests/cases/make.py), run through the whole
# pipeline and compared with the expected.tsv written by hand beside it.
# One PASS/FAIL line per case; a failure names each field that differs.
#
# expected.tsv: one check a line, four tab-separated columns (- for none);
# ENT is the enterprise as the form's cover or the 附件5 row names it:
#   field       ENT  key        value     the normalized value (fields.value)
#   defects     ENT  CODE;CODE  -         the application's defect codes, all of them ("-": none)
#   defect      ENT  CODE       key|-     that defect, on that field
#   assessment  ENT  column     value     declared recommended basic_ok gates_ok
#   verdict     ENT  criterion  result    pass, fail, or notpass (fail or unknown)
#   summary     ENT  column     value     its 附件5 row: table_type seq direction project
#                                         contact mobile location cluster
#   output      FILE string     -         out/FILE (.xlsx/.docx: any part) holds the string
#   sheet       FILE sheet      string    that sheet of the workbook out/FILE holds it in a cell
. "$(dirname "$0")/../lib.sh"

command -v sqlite3 >/dev/null || { t_skip "cases" "sqlite3 is not installed"; exit 0; }

# q DB SQL: one value, '(no row)' when there is none.
q() {
	_v=$(sqlite3 "$1" "$2") || return 1
	[ -n "$_v" ] || _v='(no row)'
	printf '%s\n' "$_v"
}

# app_sql ENT: the application id of the enterprise, as SQL.
app_sql() {
	printf "(SELECT a.id FROM applications a JOIN bundles b ON b.id = a.bundle_id AND b.state = 'current' WHERE a.enterprise = '%s')" "$1"
}

# sheet_has XLSX SHEET STRING: a cell of that sheet is the string (inline or shared).
sheet_has() {
	_rid=$(bsdtar -xOf "$1" xl/workbook.xml | tr '<' '\n' |
		sed -n "s/^sheet name=\"$2\".* r:id=\"\([^\"]*\)\".*/\1/p")
	[ -n "$_rid" ] || return 1
	_part=$(bsdtar -xOf "$1" xl/_rels/workbook.xml.rels | tr '<' '\n' |
		sed -n "s/^Relationship .*Id=\"$_rid\".*Target=\"\([^\"]*\)\".*/\1/p;
			s/^Relationship .*Target=\"\([^\"]*\)\".*Id=\"$_rid\".*/\1/p" | head -1)
	_part=xl/${_part#/xl/}
	bsdtar -xOf "$1" "$_part" | grep -qF "<t>$3</t>" && return 0
	# shared strings: the string's index, then a t="s" cell with it
	_idx=$(bsdtar -xOf "$1" xl/sharedStrings.xml 2>/dev/null | sed 's/<si>/\n&/g' |
		awk -v s="<t>$3</t>" 'NR > 1 && index($0, s) {print NR - 2; exit}')
	[ -n "$_idx" ] && bsdtar -xOf "$1" "$_part" | grep -q "t=\"s\"[^>]*><v>$_idx</v>"
}

# check_case NAME
check_case() {
	_c=$TOP/tests/cases/$1
	_w=$T/$1
	_db=$_w/db/ii.db
	mkdir -p "$_w"
	cp -R "$_c/inbox" "$_w/inbox"
	"$IIREVIEW" run --inbox "$_w/inbox" --db "$_db" --rules "$TOP/rules" --out "$_w/out" -q ||
		t_fail "$1: iireview run failed"
	_bad=0 _n=0
	while IFS='	' read -r _kind _who _key _want; do
		case $_kind in '' | '#'*) continue ;; esac
		_app=$(app_sql "$_who")
		case $_kind in
		field)
			_got=$(q "$_db" "SELECT coalesce(value, '(' || status || ')') FROM fields
				WHERE application_id = $_app AND key = '$_key'") ;;
		defects)
			_got=$(sqlite3 "$_db" "SELECT group_concat(code, ';') FROM (SELECT DISTINCT code
				FROM defects WHERE application_id = $_app AND code <> 'FORM_CONVERTED' ORDER BY code)")
			[ -n "$_got" ] || _got=-
			[ -n "$(q "$_db" "SELECT 1 FROM applications WHERE id = $_app")" ] || _got='(no application)'
			_want=$_key ;;
		defect)
			# that field among the code's fields, else every field it has
			_got=$(q "$_db" "SELECT CASE WHEN sum(coalesce(field, '-') = '$_want') > 0
				THEN '$_want' ELSE group_concat(coalesce(field, '-')) END FROM defects
				WHERE application_id = $_app AND code = '$_key'") ;;
		assessment)
			_got=$(q "$_db" "SELECT $_key FROM assessments WHERE application_id = $_app") ;;
		verdict)
			_got=$(q "$_db" "SELECT group_concat(result) FROM verdicts
				WHERE application_id = $_app AND criterion = '$_key'")
			[ "$_want" != notpass ] || case $_got in pass | '(no row)') ;; *) _got=notpass ;; esac ;;
		summary)
			_got=$(q "$_db" "SELECT coalesce($_key, '(null)') FROM summary_rows r JOIN bundles b
				ON b.id = r.bundle_id AND b.state = 'current' WHERE r.enterprise = '$_who'") ;;
		output)
			_f=$_w/out/$_who
			_got="not in $_who"
			if [ -f "$_f" ]; then
				case $_f in
				*.xlsx | *.docx) bsdtar -xOf "$_f" 2>/dev/null | grep -qF "$_key" && _got=$_key ;;
				*) grep -qF "$_key" "$_f" && _got=$_key ;;
				esac
			else
				_got="no file $_who"
			fi
			_want=$_key ;;
		sheet)
			_got="not in sheet $_key of $_who"
			sheet_has "$_w/out/$_who" "$_key" "$_want" && _got=$_want ;;
		*)
			echo "$1: unknown check '$_kind' in expected.tsv"
			_bad=$((_bad + 1))
			continue ;;
		esac
		_n=$((_n + 1))
		if [ "$_got" != "$_want" ]; then
			echo "$1: $_who: $_kind $_key: want $_want, got $_got"
			_bad=$((_bad + 1))
		fi
	done <"$_c/expected.tsv"
	echo "$1: $_n checks, $_bad differing"
	[ "$_n" -gt 0 ] && [ "$_bad" -eq 0 ]
}

for _dir in "$TOP"/tests/cases/*/; do
	_name=$(basename "$_dir")
	[ -f "$_dir/expected.tsv" ] || continue
	# the title: the case's first comment line
	_title=$(sed -n 's/^# *//p' "$_dir/expected.tsv" | head -1)
	t_case "$_name: $_title" <<CASE
check_case $_name
CASE
done
