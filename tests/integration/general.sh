# general.sh - shapes beyond the seeds, in the team's own documents under
# tests/data/general: a markdown pipe table with its own column order, inline
# assignments "(Giao X chủ trì, phối hợp với Y, hoàn thành trước ngày ...)",
# and a national resolution assigning ministries.
# store: none (extraction only: runs once, on no database)
. "$(dirname "$0")/../lib.sh"
D=$ROOT/tests/data/general

# expect NAME FILE PYTHON-ASSERTIONS: d is the plan/1 JSON, t(ref) a task.
expect() {
	name=$1 file=$2 code=$3
	if ! "$BIN" extract "$D/$file" >"$T/p.json" 2>"$T/err"; then notok "$name" "$(cat "$T/err")"; return; fi
	if $PY - "$T/p.json" "$code" >"$T/err" 2>&1 <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
def t(ref):
    return next(x for x in d["tasks"] if x["ref"] == ref)
def due(ref):
    x = t(ref)["due"] or {}
    return (x.get("start"), x.get("end"), x.get("recurring"))
exec(sys.argv[2])
PYEOF
	then ok "$name"; else notok "$name" "$(tail -3 "$T/err")"; fi
}

expect "markdown table: tasks and sections" markdown-table.txt '
assert [x["ref"] for x in d["tasks"]] == ["I.1", "I.2", "II.1", "II.2"], [x["ref"] for x in d["tasks"]]
assert t("II.1")["section"] == "Cải cách thủ tục hành chính"'
expect "markdown table: columns by meaning" markdown-table.txt '
assert t("I.1")["lead"] == ["Sở Tư pháp"]
assert t("I.1")["coordinate_groups"] == ["Các sở, ban, ngành"]
assert t("II.1")["coordinate"] == ["Sở Khoa học và Công nghệ", "Sở Nội vụ"]
assert t("I.1")["result"] == "Báo cáo kết quả rà soát"
assert due("I.2") == ("2025-09-01", "2025-09-30", False)
assert due("II.2") == (None, None, True)'
expect "markdown table: document header" markdown-table.txt '
assert d["document"]["number"] == "45/KH-UBND" and d["document"]["year"] == 2025
assert d["document"]["issuer"] == "UBND tỉnh Hòa Bình"'
expect "inline assignment: lead, coordinate, deadline" inline-assign.txt '
assert t("II.1")["lead"] == ["Công an tỉnh"]
assert "Sở Giao thông vận tải" in t("II.1")["coordinate"]
assert due("II.1") == (None, "2023-02-28", False)'
expect "inline assignment: the list ends where the time begins" inline-assign.txt '
assert t("II.2")["lead"] == ["Sở Giáo dục và Đào tạo"]
assert all("Quý" not in c for c in t("II.2")["coordinate"]), t("II.2")["coordinate"]
assert due("II.2") == ("2023-01-01", "2023-03-31", False)'
expect "inline assignment: organisation duties are no tasks; report deadline" inline-assign.txt '
assert len(d["tasks"]) == 2
assert [r["due"] for r in d["reporting"]] == ["2023-12-15"]'
expect "national: ministries lead, abbreviations expanded" national.txt '
assert t("II.1.a")["lead"] == ["Bộ Tài chính"]
assert t("II.1.a")["coordinate"] == ["Bộ Kế hoạch và Đầu tư"]
assert t("II.1.b")["lead"] == ["Ngân hàng Nhà nước Việt Nam"]'
expect "national: collective groups of a national document" national.txt '
assert t("II.1.a")["coordinate_groups"] == ["Các bộ, cơ quan ngang bộ"]
assert t("II.2")["coordinate_groups"] == ["UBND các tỉnh, thành phố"]
assert d["document"]["issuer"] == "Chính phủ" and d["document"]["kind"] == "Nghị quyết"'
expect "national: goal with its operator" national.txt '
assert [(x["value"], x["op"], x["unit"]) for x in d["targets"]] == [(8, ">=", "%")]'
