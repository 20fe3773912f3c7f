#!/usr/bin/python3
"""make_hostile.py DIR - writes the hostile files of the reliability suite
(tests/reliability/hostile.sh, docs/reliability.md) into DIR.

Each reproduces one finding of issue 14: files under every byte limit whose
content costs the readers memory or time out of proportion. The sizes are
scaled to keep the suite fast while still far past what an unbounded reader
could hold in 256 MiB.
"""
import os
import random
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')


def docx(path, body_chunks):
    """A DOCX whose body is the concatenation of body_chunks (bytes)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CT)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(('<?xml version="1.0" encoding="UTF-8"?><w:document %s><w:body>' % W).encode())
            for chunk in body_chunks:
                f.write(chunk)
            f.write(b"</w:body></w:document>")


def empty_paras(n):
    """n empty paragraphs, each with a random revision id so that the entry
    compresses like a real document (the ZIP ratio limit lets it through)."""
    rnd = random.Random(14)
    step = 100000
    for start in range(0, n, step):
        hexes = rnd.randbytes(4 * step).hex().upper()
        yield "".join('<w:p w:rsidR="%s"/>' % hexes[i * 8:i * 8 + 8]
                      for i in range(step)).encode()


def big_entry(total):
    """About total bytes of short numbered paragraphs."""
    para = '<w:p><w:r><w:t>Nhiệm vụ %d: triển khai kế hoạch</w:t></w:r></w:p>'
    i = 0
    size = 0
    while size < total:
        chunk = "".join(para % k for k in range(i, i + 20000)).encode()
        i += 20000
        size += len(chunk)
        yield chunk


def huge_text(n):
    """One text node of n bytes: libxml2 refuses it with its own jargon."""
    yield b"<w:p><w:r><w:t>"
    rnd = random.Random(5)
    for _ in range(n // 1000000):
        yield rnd.randbytes(500000).hex().encode()
    yield b"</w:t></w:r></w:p>"


def deep(n):
    yield b"<w:p>" + b"<w:r>" * n + b"</w:r>" * n + b"</w:p>"


def xlsx_cells(path, rows, cols):
    """A workbook whose one sheet has rows x cols numeric cells."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("xl/workbook.xml", '<workbook %s %s><sheets><sheet name="S" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>' % (ns, rel))
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
                   'formats.org/officeDocument/2006/relationships/worksheet" '
                   'Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(('<worksheet %s><sheetData>' % ns).encode())
            for r in range(1, rows + 1):
                f.write(('<row r="%d">' % r + "".join('<c><v>%d</v></c>' % (r * c)
                                                      for c in range(cols)) + "</row>").encode())
            f.write(b"</sheetData></worksheet>")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    # Finding 5: a DOCX of empty paragraphs (44 MB cost 6.2 GB and 36 s).
    docx(os.path.join(out, "empty-paras.docx"), empty_paras(3000000))
    # Finding 5: a small DOCX with a 200 MB entry (1.7 GB).
    docx(os.path.join(out, "big-entry.docx"), big_entry(200 << 20))
    # Finding 8: libxml2's "use XML_PARSE_HUGE option" reached the user.
    docx(os.path.join(out, "huge-text.docx"), huge_text(12 << 20))
    docx(os.path.join(out, "deep.docx"), deep(100000))
    # A sheet of 2 million cells.
    xlsx_cells(os.path.join(out, "many-cells.xlsx"), 100000, 20)
    # Finding 5: 60 MB of tab-separated cells (2.2 GB and 40 s).
    with open(os.path.join(out, "tab-cells.txt"), "wb") as f:
        f.write("KẾ HOẠCH\n".encode())
        line = b"\t".join(b"x%d" % i for i in range(200)) + b"\n"
        for _ in range((60 << 20) // len(line)):
            f.write(line)
    # Finding 5: a markdown table of 300,000 rows became 300,000 tasks.
    with open(os.path.join(out, "md-rows.txt"), "wb") as f:
        f.write("KẾ HOẠCH\nThực hiện nhiệm vụ năm 2025\n\n| TT | Nội dung | Chủ trì | Thời hạn |\n"
                "|---|---|---|---|\n".encode())
        for i in range(1, 300001):
            f.write(("| %d | Triển khai nhiệm vụ số %d | Sở Tư pháp | 31/12/2025 |\n"
                     % (i, i)).encode())
    # 60 MB of empty lines: every line costs memory even when blank.
    with open(os.path.join(out, "blank-lines.txt"), "wb") as f:
        f.write("KẾ HOẠCH\n".encode())
        f.write(b"\n" * (60 << 20))


if __name__ == "__main__":
    main()
