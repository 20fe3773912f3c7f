# scan.sh - scans as they arrive from a mail room (tests/fixtures/make_scan.py:
# the team's plans printed, rasterised at 300 dpi in colour, with a red
# incoming stamp, hand-written numbers, a margin note, a seal over a
# signature, page numbers and a running footer). Each gives the tasks of its
# born-digital text; a seed scan scores >= 0.95 against its gold; a PDF whose
# text layer is only a signing caption is OCR'd; stamped words are doubted.
# Fixtures are cached under build/scan-cache (OCR is slow; nothing is committed).
# store: none (extraction only: runs once, on no database)
. "$(dirname "$0")/../lib.sh"

F=$T/fx
mk() { $PY "$ROOT/tests/fixtures/make_scan.py" --cache "$ROOT/build/scan-cache" "$@" >>"$T/mk.log" 2>&1; }
if ! mk "$F" "$ROOT/examples/ke-hoach-le-hoi-mua-xuan-2026.txt" ||
	! mk "$F" "$ROOT/examples/phu-luc-chuyen-doi-so-2026.txt" ||
	! mk --pages 4 "$F" "$SHARED/seeds/002_0901ca66ffd72f4b.txt"; then
	notok "fixtures: make_scan.py built the stamped scans" "$(tail -5 "$T/mk.log")"
	exit 0
fi
ok "fixtures: make_scan.py built the stamped scans"

for n in ke-hoach-le-hoi-mua-xuan-2026 phu-luc-chuyen-doi-so-2026 002_0901ca66ffd72f4b; do
	"$BIN" extract "$F/$n.txt" >"$T/$n.txt.json" 2>/dev/null
	check "$n: the stamped scan extracts (not \"found no tasks\")" \
		sh -c "'$BIN' extract '$F/$n-stamped.pdf' >'$T/$n.scan.json'"
	check "$n: the stamped scan gives the born-digital tasks, refs and leads" \
		same_tasks "$T/$n.txt.json" "$T/$n.scan.json" ocr
done
n=002_0901ca66ffd72f4b
pages=$(pdfinfo "$F/$n-stamped.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
if [ "${pages:-0}" -ge 4 ]; then ok "the seed's stamped scan has $pages pages"; else
	notok "the seed's stamped scan has 4 pages or more" "got ${pages:-none}"; fi

# The caption-only text layer: one line a page over the page image.
n=ke-hoach-le-hoi-mua-xuan-2026
check "a PDF whose text layer is only a signing caption is OCR'd" \
	sh -c "'$BIN' extract '$F/$n-caption.pdf' >'$T/cap.json' 2>'$T/cap.err'"
check "the captioned scan gives the born-digital tasks" same_tasks "$T/$n.txt.json" "$T/cap.json" ocr
if grep -q "OCR page 2/2" "$T/cap.err"; then ok "OCR progress is shown per page"; else
	notok "OCR progress is shown per page" "$(head -c 300 "$T/cap.err")"; fi

# What the mail room added is not in the tasks: no stamp text, no page furniture.
check "stamp, margin note, footer and recipients are not in the tasks" $PY - "$T"/*.scan.json <<'PYEOF'
import json, sys, unicodedata
def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn").lower()
for p in sys.argv[1:]:
    text = fold(json.dumps(json.load(open(p, encoding="utf-8"))["tasks"], ensure_ascii=False))
    for bad in ("chuyen:", "hung xem", "tham muu", "ubnd tinh lao cai\"", "noi nhan", "luu: vt"):
        assert bad not in text, (p, bad)
PYEOF

# The same scan in grey: the ink cannot be told from the print by its colour.
pdftoppm -r 300 -gray -png "$F/$n-stamped.pdf" "$T/g" && $PY - "$T/gray.tif" "$T"/g-*.png <<'PYEOF'
import sys
from PIL import Image
pages = [Image.open(p).convert("L") for p in sys.argv[2:]]
pages[0].save(sys.argv[1], save_all=True, append_images=pages[1:], dpi=(300, 300))
PYEOF
check "the grey scan (a TIFF) still gives the born-digital tasks" \
	sh -c "'$BIN' extract '$T/gray.tif' >'$T/gray.json' && $PY '$ROOT/tests/fixtures/same_tasks.py' '$T/$n.txt.json' '$T/gray.json' ocr"

# A seed plan scanned, scored against its gold.
if mk "$F" "$SHARED/seeds/004_d7468f9002db6d8a.txt"; then
	n=004_d7468f9002db6d8a
	"$BIN" extract "$F/$n-stamped.pdf" >"$T/seed.json" 2>/dev/null
	score=$($PY "$SHARED/tools/score_extraction.py" "$T/seed.json" "$SHARED/gold/004.json" 2>&1 | awk '/^overall/ { print $2 }')
	if awk -v s="${score:-0}" 'BEGIN { exit !(s >= 0.95) }'; then ok "seed 004 stamped scan: overall $score"; else
		notok "seed 004 stamped scan scores >= 0.95" "overall ${score:-none}"; fi
else
	notok "fixtures: the seed 004 scan" "$(tail -5 "$T/mk.log")"
fi
