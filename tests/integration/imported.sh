# imported.sh - what an import keeps beside the tasks (issue 13): a tracker's
# status column as each task's imported state (plan/1 extension "state"),
# and the text extraction placed in no task as the import's notes (extension
# "notes"): printed by `dondoc import`, stored with the document, in `dondoc
# export --format json`, the same on PostgreSQL and after `dondoc migrate`.
# Fixtures: tests/corpus/tracker-state.gen, unplaced-hatinh-dichbenh.txt.
. "$(dirname "$0")/../lib.sh"

export DONDOC_NOW=2026-01-01T08:00:00Z DONDOC_TODAY=2026-06-30
C="$ROOT/tests/corpus"
xlsx=$(sh "$C/tracker-state.gen" "$T" 2>"$T/gen.err") ||
	{ notok "fixture: tracker-state.gen" "$(head -c 300 "$T/gen.err")"; exit 0; }
plan="$C/unplaced-hatinh-dichbenh.txt"

# The state as imported, one per task: dropping it fails here.
"$BIN" extract "$xlsx" >"$T/ts.json" 2>/dev/null
check "a tracker's 'Trạng thái' column gives each task its imported state" $PY - "$T/ts.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = {t["ref"]: (t.get("state"), "state" in (t.get("doubt") or [])) for t in d["tasks"]}
want = {"1": ("done", False), "2": ("in_progress", False), "3": ("not_started", False),
        "4": ("Quá hạn", True), "5": ("paused", False), "6": ("done", False)}
assert got == want, got
PYEOF

# A "Tiến độ" column beside a deadline column holds states, not time frames.
$PY - "$T/tien-do.xlsx" <<'PYEOF'
import sys, datetime
from openpyxl import Workbook
wb = Workbook(); ws = wb.active
ws.append(["STT", "Nội dung công việc", "Đơn vị thực hiện", "Hạn xử lý", "Tiến độ"])
ws.append([1, "Tổng hợp số liệu thu ngân sách quý I năm 2026", "Sở Tài chính", datetime.date(2026, 4, 10), "Đang thực hiện"])
ws.append([2, "Rà soát danh mục dự án đầu tư công năm 2027", "Sở Xây dựng", datetime.date(2026, 5, 30), "Chưa triển khai"])
ws.append([3, "Báo cáo kết quả cải cách hành chính năm 2025", "Sở Nội vụ", datetime.date(2026, 1, 15), "Chưa hoàn thành"])
wb.save(sys.argv[1])
PYEOF
"$BIN" extract "$T/tien-do.xlsx" >"$T/td.json" 2>/dev/null
check "a 'Tiến độ' column next to 'Hạn xử lý' is the imported state; 'Chưa hoàn thành' stays as printed, doubted" \
	$PY - "$T/td.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = [(t.get("state"), "state" in (t.get("doubt") or []), (t.get("due") or {}).get("end")) for t in d["tasks"]]
assert got == [("in_progress", False, "2026-04-10"), ("not_started", False, "2026-05-30"),
               ("Chưa hoàn thành", True, "2026-01-15")], got
PYEOF

# Notes: the paragraph no item holds, and nothing of the signature block.
"$BIN" extract "$plan" >"$T/un.json" 2>/dev/null
check "extract: the paragraph placed in no task is in the notes, the recipients are not" \
	$PY - "$T/un.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
notes = d.get("notes") or []
assert len(notes) == 1, notes
assert notes[0].startswith("17: ") and "rà soát diện tích lúa bị nhiễm rầy nâu" in notes[0], notes
text = json.dumps(d["tasks"], ensure_ascii=False)
assert "rầy nâu, báo cáo" not in text, "the unplaced paragraph entered a task"
assert not any("Nơi nhận" in n or "Lưu" in n or "CHỦ TỊCH" in n for n in notes), notes
PYEOF
"$BIN" extract "$C/grouped-quangtri-giaoduc.txt" >"$T/g.json" 2>/dev/null
check "a plan whose text all lands in tasks has no notes" \
	$PY -c "import json,sys; assert 'notes' not in json.load(open(sys.argv[1]))" "$T/g.json"

# import, tasks, export on one database; the same outputs on another.
scenario() {
	db=$1
	out=$2
	mkdir -p "$out"
	"$BIN" --db "$db" import "$xlsx" "$plan" >"$out/import" 2>&1
	"$BIN" --db "$db" tasks --plan 1 >"$out/tasks" 2>&1
	"$BIN" --db "$db" publish 1 >/dev/null 2>&1
	"$BIN" --db "$db" export 1 --format json >"$out/1.json" 2>/dev/null
	"$BIN" --db "$db" export 2 --format json >"$out/2.json" 2>/dev/null
}
scenario "$DB" "$T/a"
if grep -q "Ghi chú / Notes: 1 đoạn không thuộc nhiệm vụ nào" "$T/a/import" &&
	grep -q "unplaced-hatinh-dichbenh.txt:17: text in the tasks part placed in no task: Các sở, ngành" "$T/a/import"; then
	ok "import prints the notes with file and line"
else
	notok "import prints the notes with file and line" "$(cat "$T/a/import")"
fi
if ! sed -n '/^plan 1:/,/^plan 2:/p' "$T/a/import" | grep -q "Ghi chú"; then ok "an import with nothing left out prints no notes"; else
	notok "an import with nothing left out prints no notes" "$(cat "$T/a/import")"; fi
if grep -q "\[imported: done\]" "$T/a/tasks" && grep -q "\[imported: Quá hạn\]" "$T/a/tasks"; then
	ok "dondoc tasks shows the imported state"
else
	notok "dondoc tasks shows the imported state" "$(head -5 "$T/a/tasks")"
fi
check "export json keeps the imported states and the stored notes" $PY - "$T/a/1.json" "$T/a/2.json" <<'PYEOF'
import json, sys
a = json.load(open(sys.argv[1], encoding="utf-8"))
b = json.load(open(sys.argv[2], encoding="utf-8"))
assert [t.get("state") for t in a["tasks"]] == ["done", "in_progress", "not_started", "Quá hạn", "paused", "done"], a["tasks"]
assert "notes" not in a
assert len(b["notes"]) == 1 and "rầy nâu" in b["notes"][0], b.get("notes")
assert all(t["tracking"]["state"] == "not_started" for t in a["tasks"]), "an imported state became a report"
PYEOF
"$BIN" --db "$DB" import "$plan" >"$T/again" 2>&1
if grep -q "already imported" "$T/again" && ! grep -q "Ghi chú" "$T/again"; then
	ok "a second import of the same file prints no notes again"
else
	notok "a second import of the same file prints no notes again" "$(cat "$T/again")"
fi

# PostgreSQL: the same outputs; then the SQLite database migrated keeps them.
# (On the PostgreSQL pass of tests/run the scenario above already ran there.)
sqlite_only || exit 0
. "$ROOT/tests/pg.sh"
if pg_start >"$T/pg.log" 2>&1; then
	scenario "$DONDOC_PG_URL" "$T/p"
	for f in import tasks 1.json 2.json; do
		sed "s|$DONDOC_PG_URL|DB|g; s|$DB|DB|g" "$T/p/$f" >"$T/p/$f.n"
		sed "s|$DB|DB|g" "$T/a/$f" >"$T/a/$f.n"
	done
	same=yes
	for f in import tasks 1.json 2.json; do cmp -s "$T/a/$f.n" "$T/p/$f.n" || same=no; done
	if [ $same = yes ]; then
		ok "PostgreSQL: import, tasks and export show the same states and notes"
	else
		notok "PostgreSQL: import, tasks and export show the same states and notes" "$(diff "$T/a/tasks.n" "$T/p/tasks.n" | head -5; diff "$T/a/2.json.n" "$T/p/2.json.n" | head -5)"
	fi
	COPY=$(pg_newdb copied)
	"$BIN" migrate --from "sqlite:$DB" --to "$COPY" >"$T/mig" 2>&1
	"$BIN" --db "$COPY" export 1 --format json >"$T/m1.json" 2>/dev/null
	"$BIN" --db "$COPY" export 2 --format json >"$T/m2.json" 2>/dev/null
	if cmp -s "$T/m1.json" "$T/a/1.json" && cmp -s "$T/m2.json" "$T/a/2.json"; then
		ok "dondoc migrate copies the imported states and the notes"
	else
		notok "dondoc migrate copies the imported states and the notes" "$(tail -3 "$T/mig")" "$(diff "$T/m2.json" "$T/a/2.json" | head -5)"
	fi
else
	notok "PostgreSQL cluster for the imported-state checks" "$(tail -3 "$T/pg.log")"
fi
