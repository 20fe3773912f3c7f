# web_home_rows.sh - an officer's home page shows the first 50 rows of each
# section with the section's whole count and "và N mục khác" pointing to the
# plan pages: a plan of 60 tasks led by one body, all overdue, gives a
# heading of 60, 50 rows and "10 mục khác"; a body with 3 such tasks sees
# all 3 and no "more" line.
. "$(dirname "$0")/../lib.sh"

unset DONDOC_NOW DONDOC_USER DONDOC_EVIDENCE
export DONDOC_TODAY=2026-06-30
{
	printf 'ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\n\nSố: 9/KH-UBND\n\nĐồng Nai, ngày 16 tháng 01 năm 2026\n\n'
	printf 'KẾ HOẠCH\nThử nghiệm trang chủ năm 2026\n\nI. MỤC TIÊU\n\nKiểm tra trang chủ.\n\nII. NHIỆM VỤ\n\n1. Nhiệm vụ chung\n\n'
	i=1
	while [ $i -le 63 ]; do
		body="Sở Tài chính"
		[ $i -gt 60 ] && body="Sở Y tế"
		printf '1.%d. Rà soát nội dung số %d của tỉnh (Giao %s chủ trì, phối hợp với Sở Nội vụ thực hiện; hoàn thành trước ngày 15/3/2026).\n\n' $i $i "$body"
		i=$((i + 1))
	done
} >"$T/plan.txt"
setup() {
	"$BIN" --db "$DB" import "$T/plan.txt" >/dev/null && "$BIN" --db "$DB" publish 1 >/dev/null &&
		echo 'offic-pass-1' | "$BIN" --db "$DB" user add tc --role officer --agency "Sở Tài chính" &&
		echo 'offic-pass-2' | "$BIN" --db "$DB" user add yt --role officer --agency "Sở Y tế"
}
check "import and publish a plan of 63 tasks, add two officers" setup

trap 'kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
serve_start "$DB"
if [ -z "$PORT" ]; then
	notok "the server starts on a free port" "$(head -c 600 "$T/serve.log")"
	exit 1
fi
home() { # home LOGIN PASSWORD: the home page into $T/home.html
	sid=$(curl -s -o /dev/null -D - --data "login=$1&password=$2" "http://127.0.0.1:$PORT/login" |
		sed -n 's/^[Ss]et-[Cc]ookie: __Host-dondoc=\([0-9a-f]\{64\}\);.*/\1/p')
	curl -s -H "Cookie: __Host-dondoc=$sid" "http://127.0.0.1:$PORT/" >"$T/home.html"
}
# The overdue section: its heading's count, its rows and its "more" line.
overdue() {
	$PY - "$T/home.html" <<'PYEOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<h2>Quá hạn \((\d+)\)</h2>(.*?)</section>', html, re.S)
if not m:
    print("none")
    sys.exit()
more = re.search(r'và (\d+) mục khác\. <a href="/plans">', m.group(2))
print(m.group(1), m.group(2).count('<tr><td>'), more.group(1) if more else "-")
PYEOF
}
home tc offic-pass-1
got=$(overdue)
[ "$got" = "60 50 10" ] && ok "60 overdue tasks: the count, 50 rows and 'và 10 mục khác'" ||
	notok "60 overdue tasks: the count, 50 rows and 'và 10 mục khác'" "got: $got"
home yt offic-pass-2
got=$(overdue)
[ "$got" = "3 3 -" ] && ok "3 overdue tasks: all listed, no 'more' line" ||
	notok "3 overdue tasks: all listed, no 'more' line" "got: $got"
