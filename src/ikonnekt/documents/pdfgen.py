"""A tiny PDF writer (Helvetica, WinAnsi, A4) for demo documents, tests and benchmarks: real
PDFs with a text layer, without a layout engine."""

import textwrap


def _escape(line: str) -> bytes:
    data = line.encode("cp1252", "replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(title: str, paragraphs: list[str], lines_per_page: int = 48) -> bytes:
    lines = [(title, 15)] + [("", 11)]
    for para in paragraphs:
        for wrapped in textwrap.wrap(para, 88) or [""]:
            lines.append((wrapped, 11))
        lines.append(("", 11))
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[("", 11)]]
    objects = []  # index 0 is object 1

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for page_lines in pages:
        ops = [b"BT", b"/F1 11 Tf", b"56 790 Td"]
        for text, size in page_lines:
            ops.append(b"/F1 %d Tf (%s) Tj 0 -%d Td" % (size, _escape(text), 16 if size > 11 else 15))
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (pages_obj, font, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    kids = b" ".join(b"%d 0 R" % p for p in page_ids)
    objects[pages_obj - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def make_docx(title: str, paragraphs: list[str]) -> bytes:
    import io

    import docx

    doc = docx.Document()
    doc.add_heading(title, level=1)
    for para in paragraphs:
        doc.add_paragraph(para)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
