#!/usr/bin/python3
"""make_corpus.py - (re)writes the hostile part of the fuzz regression corpus
in fuzz/corpus/TARGET/ (docs/reliability.md). Small files only: each is the
smallest form of a hostile input of issue 14 or of the reader fixtures'
hostile suites. Inputs found by fuzzing (crashes, hangs, memory) are added
to the same folders by hand, named after what they caught.

  /usr/bin/python3 fuzz/make_corpus.py        (from the repository root)
"""
import os
import subprocess
import sys
import tempfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def put(target, name, data):
    d = os.path.join("fuzz", "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def doc(body):
    return '<?xml version="1.0"?><w:document %s><w:body>%s</w:body></w:document>' % (W, body)


def main():
    para = "<w:p><w:r><w:t>1. Sở Tư pháp chủ trì, hoàn thành trước 31/12/2025</w:t></w:r></w:p>"
    xml = {
        "deep": doc("<w:p>" + "<w:r>" * 300 + "</w:r>" * 300 + "</w:p>"),
        "empty-paras": doc('<w:p w:rsidR="00A1B2C3"/>' * 3000),
        "many-attributes": doc("<w:p %s/>" % " ".join('a%d="%d"' % (i, i) for i in range(2000))),
        "doctype": '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
        "entity-late": doc(para + "<!-- <!ENTITY x 'y'> -->"),
        "utf16-doctype": '\ufeff<!DOCTYPE a><a/>'.encode("utf-16-le").decode("latin-1"),
        "unclosed": doc(para)[:-20],
        "table-rows": doc("<w:tbl>" + "<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>"
                          * 500 + "</w:tbl>"),
        "cdata": doc("<w:p><w:r><w:t><![CDATA[" + "a&b<c>" * 200 + "]]></w:t></w:r></w:p>"),
    }
    for name, text in xml.items():
        data = text.encode("latin-1") if name == "utf16-doctype" else text.encode("utf-8")
        put("fuzz_xml_stream", name + ".xml", data)
        put("fuzz_zip", name + ".xml", data)
        if name != "utf16-doctype":
            put("fuzz_docx", name + ".xml", data)
    # Text: tables past the row and cell limits in small, UTF-16, blank lines.
    rows = "| TT | Nội dung | Chủ trì |\n|---|---|---|\n" + "".join(
        "| %d | Nhiệm vụ %d | Sở Tư pháp |\n" % (i, i) for i in range(1, 400))
    put("fuzz_text", "md-rows.txt", "KẾ HOẠCH\n" + rows)
    put("fuzz_text", "tab-cells.txt", "KẾ HOẠCH\n" + ("\t".join("x%d" % i for i in range(60)) + "\n") * 50)
    put("fuzz_text", "blank-lines.txt", "KẾ HOẠCH\n" + "\n" * 5000 + "1. Nhiệm vụ\n")
    put("fuzz_text", "utf16le.txt", b"\xff\xfe" + ("KẾ HOẠCH\n" + rows[:800]).encode("utf-16-le"))
    put("fuzz_text", "utf16be.txt", b"\xfe\xff" + ("KẾ HOẠCH\n" + rows[:800]).encode("utf-16-be"))
    put("fuzz_text", "utf16-lone-surrogate.txt", b"\xff\xfe\x00\xd8a\x00")
    put("fuzz_text", "utf16-odd.txt", b"\xff\xfea\x00b")
    put("fuzz_text_tables", "md-rows.txt", "KẾ HOẠCH\n" + rows)
    # The reader fixtures' hostile containers, the small ones.
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "tests/fixtures/make_docx.py", "--hostile", tmp],
                       check=True)
        for f in sorted(os.listdir(tmp)):
            path = os.path.join(tmp, f)
            if os.path.getsize(path) <= 65536:
                data = open(path, "rb").read()
                put("fuzz_docx", f, data)
                put("fuzz_zip", f, data)


if __name__ == "__main__":
    main()
