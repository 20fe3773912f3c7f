# office.sh - legacy Office files: Word and Excel 97-2003 (.doc, .xls) made
# from the team's plans with LibreOffice at test time are detected by content
# (the OLE2 signature, whatever their name), converted by LibreOffice headless
# and read to the same tasks as the born-digital file; without LibreOffice the
# message says how to install it; the temporary folder is removed.
. "$(dirname "$0")/../lib.sh"

EX=$ROOT/examples
F=$T/fx
mkdir -p "$F" "$T/home"
$PY "$ROOT/tests/fixtures/make_xlsx.py" "$EX/phu-luc-chuyen-doi-so-2026.txt" "$F/phu-luc.xlsx" >/dev/null 2>&1
cp "$EX/ke-hoach-le-hoi-mua-xuan-2026.txt" "$F/ke-hoach.txt"
conv() { # FORMAT FILE [INFILTER]
	HOME=$T/home timeout 120 soffice -env:UserInstallation=file://$T/lo --headless --norestore \
		${3:+--infilter=$3} --convert-to "$1" --outdir "$F" "$2" >>"$T/soffice.log" 2>&1
}
if conv doc "$F/ke-hoach.txt" "Text (encoded):UTF8" && conv xls "$F/phu-luc.xlsx" &&
	[ -s "$F/ke-hoach.doc" ] && [ -s "$F/phu-luc.xls" ]; then
	ok "fixtures: LibreOffice made a .doc and a .xls"
else
	notok "fixtures: LibreOffice made a .doc and a .xls" "$(tail -5 "$T/soffice.log")"
	exit 0
fi

"$BIN" extract "$F/ke-hoach.txt" >"$T/doc.want.json" 2>/dev/null
"$BIN" extract "$F/phu-luc.xlsx" >"$T/xls.want.json" 2>/dev/null
# Named as anything: the content decides.
cp "$F/ke-hoach.doc" "$F/ke-hoach.bin"
cp "$F/phu-luc.xls" "$F/phu-luc.dat"
tmpdir=$T/tmp
mkdir -p "$tmpdir"
check "a Word 97-2003 file (.doc) is read" sh -c "TMPDIR='$tmpdir' '$BIN' extract '$F/ke-hoach.bin' >'$T/doc.json'"
check "the .doc gives the text's tasks, every field" same_tasks "$T/doc.want.json" "$T/doc.json" exact
check "an Excel 97-2003 file (.xls) is read" sh -c "TMPDIR='$tmpdir' '$BIN' extract '$F/phu-luc.dat' >'$T/xls.json'"
check "the .xls gives the XLSX's tasks, every field" same_tasks "$T/xls.want.json" "$T/xls.json" exact
if [ -z "$(ls -A "$tmpdir")" ]; then ok "the conversion's temporary folder is removed"; else
	notok "the conversion's temporary folder is removed" "$(ls "$tmpdir")"; fi
check "a .doc imports into the database" "$BIN" --db "$DB" import "$F/ke-hoach.doc"

# Without LibreOffice: said, with how to install it; nothing stored.
mkdir -p "$T/bin"
for t in sh timeout; do ln -s "$(command -v $t)" "$T/bin/$t" 2>/dev/null; done
fails "without LibreOffice a .doc is refused with how to install it" \
	"ke-hoach\.doc: .*LibreOffice is not installed.*apt-get install libreoffice-writer-nogui" \
	env PATH="$T/bin" "$BIN" extract "$F/ke-hoach.doc"
FRESH=$(new_db fresh)
"$BIN" --db "$FRESH" init >/dev/null 2>&1
before=$("$BIN" --db "$FRESH" plans 2>&1)
fails "without LibreOffice an .xls import fails, naming Excel" "phu-luc\.xls: .*Excel 97-2003.*not installed" \
	env PATH="$T/bin" "$BIN" --db "$FRESH" import "$F/phu-luc.xls"
after=$("$BIN" --db "$FRESH" plans 2>&1)
if [ "$before" = "$after" ]; then ok "a refused .xls leaves the database untouched"; else
	notok "a refused .xls leaves the database untouched" "$before" "$after"; fi

# Not Word nor Excel: an OLE2 file with neither stream; a truncated .doc.
printf '\320\317\021\340\241\261\032\341' >"$T/ole.bin"
head -c 4000 /dev/zero >>"$T/ole.bin"
fails "an OLE2 file that is neither Word nor Excel is named as such" \
	"ole\.bin: an old Office file that is neither" "$BIN" extract "$T/ole.bin"
head -c 3000 "$F/ke-hoach.doc" >"$T/cut.doc"
fails "a truncated .doc is refused with the file named" "cut\.doc: " "$BIN" extract "$T/cut.doc"
