# pdf.sh - PDF and scans: a PDF printed from the DOCX of an example plan
# extracts to the same tasks as the plan's text export; its scan (page images,
# and a PDF holding only those images) does too, within what OCR misreads;
# hostile PDFs and images are refused with a message naming the file, and a
# refused import leaves the database untouched.
. "$(dirname "$0")/../lib.sh"

EX=$ROOT/examples
F=$T/fx
if ! sh "$ROOT/tests/fixtures/make_pdf.sh" "$F" "$EX/ke-hoach-le-hoi-mua-xuan-2026.txt" \
	"$EX/phu-luc-chuyen-doi-so-2026.txt" >"$T/mk.log" 2>&1; then
	notok "fixtures: make_pdf.sh built the PDFs and scans" "$(tail -5 "$T/mk.log")"
	exit 0
fi
ok "fixtures: make_pdf.sh built the PDFs and scans"


for n in ke-hoach-le-hoi-mua-xuan-2026 phu-luc-chuyen-doi-so-2026; do
	"$BIN" extract "$EX/$n.txt" >"$T/$n.txt.json" 2>/dev/null
	check "$n: the PDF extracts" sh -c "'$BIN' extract '$F/$n.pdf' >'$T/$n.pdf.json'"
	check "$n: the PDF gives the text export's tasks" same_tasks "$T/$n.txt.json" "$T/$n.pdf.json" layout
	# With Tesseract's model out of reach, only the text layer can be read.
	check "$n: the PDF is read from its text layer, without OCR" \
		sh -c "TESSDATA_PREFIX='$T/none' '$BIN' extract '$F/$n.pdf' >/dev/null"
done

# The prose plan's scan: its page images, and a PDF without a text layer.
n=ke-hoach-le-hoi-mua-xuan-2026
fails "without the Vietnamese model a scan is refused clearly" "scan\.pdf: cannot start OCR" \
	env TESSDATA_PREFIX="$T/none" "$BIN" extract "$F/$n-scan.pdf"
check "scan PDF (no text layer) is read by OCR" sh -c "'$BIN' extract '$F/$n-scan.pdf' >'$T/scan.json'"
check "scan PDF gives the same tasks, refs and leads" same_tasks "$T/$n.txt.json" "$T/scan.json" ocr
check "page image (PNG) is read by OCR" sh -c "'$BIN' extract '$F/$n-1.png' >'$T/png.json'"
check "page image gives tasks with leads" $PY -c "
import json, sys
t = json.load(open('$T/png.json', encoding='utf-8'))['tasks']
assert len(t) >= 2 and all(x['lead'] for x in t), t"
# The same scan as one multi-page TIFF (uncompressed grey, one IFD a page).
pdftoppm -r 300 -gray "$F/$n.pdf" "$T/tif" &&
$PY - "$T/scan.tif" "$T"/tif*.pgm <<'PYEOF'
import struct, sys
out, pages = sys.argv[1], sys.argv[2:]
def pgm(path):
    d = open(path, "rb").read()
    parts = d.split(None, 4)
    return int(parts[1]), int(parts[2]), parts[4][-int(parts[1]) * int(parts[2]):]
buf = bytearray(b"II*\0\0\0\0\0")
prev_link = 4
for p in pages:
    w, h, px = pgm(p)
    data_off = len(buf)
    buf += px
    if len(buf) % 2:
        buf += b"\0"
    ifd = len(buf)
    struct.pack_into("<I", buf, prev_link, ifd)
    tags = [(256, 4, w), (257, 4, h), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, data_off),
            (277, 3, 1), (278, 4, h), (279, 4, w * h), (282, 5, 0), (283, 5, 0), (296, 3, 2)]
    res = ifd + 2 + 12 * len(tags) + 4
    buf += struct.pack("<H", len(tags))
    for tag, typ, val in tags:
        if typ == 5:
            buf += struct.pack("<HHII", tag, typ, 1, res)
        elif typ == 3:
            buf += struct.pack("<HHIHH", tag, typ, 1, val, 0)
        else:
            buf += struct.pack("<HHII", tag, typ, 1, val)
    prev_link = len(buf)
    buf += struct.pack("<I", 0)
    buf += struct.pack("<IIII", 300, 1, 300, 1)
open(out, "wb").write(buf)
PYEOF
check "multi-page TIFF scan gives the same tasks, refs and leads" \
	sh -c "'$BIN' extract '$T/scan.tif' >'$T/tif.json' && $PY '$ROOT/tests/fixtures/same_tasks.py' '$T/$n.txt.json' '$T/tif.json' ocr"

# The appendix's scan: a ruled table read back by OCR into rows.
n=phu-luc-chuyen-doi-so-2026
check "scanned table: tasks and leads found by OCR" sh -c "'$BIN' extract '$F/$n-scan.pdf' >'$T/tscan.json'"
check "scanned table gives the same tasks, refs and leads" same_tasks "$T/$n.txt.json" "$T/tscan.json" ocr
check "scanned table: section numbers OCR misreads are repaired" $PY -c "
import json
b = json.load(open('$T/tscan.json', encoding='utf-8'))['tasks']
assert [x['ref'] for x in b] == ['I.1', 'I.2', 'I.3', 'II.1', 'II.2', 'II.3'], [x['ref'] for x in b]"

# Hostile files: each refused with the file named, nothing stored.
"$BIN" --db "$DB" init >/dev/null 2>&1
before=$(db_state)
head -c 3000 "$F/ke-hoach-le-hoi-mua-xuan-2026.pdf" >"$T/trunc.pdf"
fails "truncated PDF is refused" "trunc\.pdf: not a readable PDF" "$BIN" --db "$DB" import "$T/trunc.pdf"
printf '%%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%%%EOF garbage' >"$T/corrupt.pdf"
fails "corrupt PDF is refused" "corrupt\.pdf: not a readable PDF" "$BIN" --db "$DB" import "$T/corrupt.pdf"
# mkpdf OUT PAGES WIDTH HEIGHT TEXT: a valid PDF, every page sharing one content.
mkpdf() {
	$PY - "$@" <<'PYEOF'
import sys
out, pages, w, h, text = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
content = ("BT /F1 12 Tf 72 72 Td (%s) Tj ET" % text) if text else ""
objs = ["<< /Type /Catalog /Pages 2 0 R >>", None,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        "<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)]
kids = []
for i in range(pages):
    objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %s %s] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>" % (w, h))
    kids.append("%d 0 R" % len(objs))
objs[1] = "<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, " ".join(kids))
buf, offs = "%PDF-1.4\n", []
for n, body in enumerate(objs, 1):
    offs.append(len(buf))
    buf += "%d 0 obj\n%s\nendobj\n" % (n, body)
x = len(buf)
buf += "xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + "".join("%010d 00000 n \n" % o for o in offs)
buf += "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(out, "w", encoding="latin-1").write(buf)
PYEOF
}
mkpdf "$T/many.pdf" 5000 595 842 "1. Trang"
fails "PDF bomb: 5000 pages refused by the page limit" "many\.pdf: the PDF has 5000 pages, over the limit" \
	"$BIN" --db "$DB" import "$T/many.pdf"
mkpdf "$T/huge.pdf" 1 14400 14400 ""
fails "PDF bomb: a huge text-less page is not rendered" "huge\.pdf: page 1 is 14400 x 14400 points, too large" \
	"$BIN" --db "$DB" import "$T/huge.pdf"
$PY -c "
import struct, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open('$T/bomb.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 200000, 200000, 8, 0, 0, 0, 0))
    + chunk(b'IDAT', zlib.compress(b'\0' * 4096)) + chunk(b'IEND', b''))"
fails "image bomb: a huge declared PNG is refused before decoding" "bomb\.png: the PNG image is 200000 x 200000 pixels, over" \
	"$BIN" --db "$DB" import "$T/bomb.png"
: >"$T/zero.png"
fails "a 0-byte image is refused" "zero\.png: the file is empty" "$BIN" --db "$DB" import "$T/zero.png"
printf '\211PNG\r\n\032\nthis is not an image' >"$T/fake.png"
fails "a PNG that is not an image is refused" "fake\.png: not a readable image" "$BIN" --db "$DB" import "$T/fake.png"
printf '\377\330\377\340 not a jpeg' >"$T/fake.jpg"
fails "a JPEG that is not an image is refused" "fake\.jpg: not a readable image" "$BIN" --db "$DB" import "$T/fake.jpg"
head -c 30000 "$F/ke-hoach-le-hoi-mua-xuan-2026-1.png" >"$T/cut.png"
fails "a truncated PNG is refused" "cut\.png: the PNG image cannot be decoded" "$BIN" --db "$DB" import "$T/cut.png"
if HOME=$T timeout 120 soffice --headless --convert-to \
	'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
	--outdir "$T/enc" "$F/ke-hoach-le-hoi-mua-xuan-2026.docx" >/dev/null 2>&1 &&
	[ -s "$T/enc/ke-hoach-le-hoi-mua-xuan-2026.pdf" ]; then
	fails "a password-protected PDF is named as such" "ke-hoach-le-hoi-mua-xuan-2026\.pdf: the PDF is password-protected" \
		"$BIN" --db "$DB" import "$T/enc/ke-hoach-le-hoi-mua-xuan-2026.pdf"
else
	notok "a password-protected PDF is named as such" "soffice could not make an encrypted PDF"
fi
after=$(db_state)
if [ "$before" = "$after" ]; then ok "refused PDFs and images leave the database untouched"; else
	notok "refused PDFs and images leave the database untouched" "$before" "$after"; fi
check "the PDF of a plan imports" "$BIN" --db "$DB" import "$F/ke-hoach-le-hoi-mua-xuan-2026.pdf"
