"""Reading text out of stored files, OCR (Tesseract via a subprocess) and first-page previews.

Plain functions over bytes; the job in ``tasks.py`` stores the results.
"""

import io
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ikonnekt.documents import ingest

log = logging.getLogger(__name__)
OCR_LANGS = "deu+eng"
MAX_TEXT = 2_000_000


@dataclass
class Extracted:
    text: str
    pages: int | None = None
    ocr: bool = False
    ocr_missing: bool = False


def tesseract_path():
    return shutil.which("tesseract")


def ghostscript_path():
    return shutil.which("gs")


def tesseract_languages() -> list[str]:
    exe = tesseract_path()
    if not exe:
        return []
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [line.strip() for line in out.splitlines()[1:] if line.strip()]


def ocr_image_bytes(data: bytes) -> str:
    """OCR one image with Tesseract (German + English); '' when Tesseract is missing."""
    exe = tesseract_path()
    if not exe:
        return ""
    langs = [lang for lang in OCR_LANGS.split("+") if lang in tesseract_languages()] or ["eng"]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.png"
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            frames = []
            for i in range(getattr(img, "n_frames", 1)):
                img.seek(i)
                frames.append(img.convert("RGB").copy())
        texts = []
        for frame in frames[:50]:
            frame.save(src)
            result = subprocess.run(
                [exe, str(src), "stdout", "-l", "+".join(langs)], capture_output=True, text=True, timeout=300
            )
            texts.append(result.stdout)
        return "\n".join(texts)


def render_pdf_pages(data: bytes, first: int = 1, last: int = 1, dpi: int = 200) -> list[bytes]:
    """PNG images of PDF pages via Ghostscript ([] when it is missing)."""
    gs = ghostscript_path()
    if not gs:
        return []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(data)
        subprocess.run(
            [
                gs,
                "-q",
                "-dSAFER",
                "-dBATCH",
                "-dNOPAUSE",
                "-sDEVICE=png16m",
                f"-r{dpi}",
                f"-dFirstPage={first}",
                f"-dLastPage={last}",
                f"-sOutputFile={tmp}/p%04d.png",
                str(src),
            ],
            capture_output=True,
            timeout=300,
        )
        return [p.read_bytes() for p in sorted(Path(tmp).glob("p*.png"))]


def pdf_text(data: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    parts = []
    for page in reader.pages:
        try:
            parts.append(page.extract_text() or "")
        except Exception:  # one broken page must not lose the others
            parts.append("")
    text = "\n".join(parts)
    if len(text.strip()) < 20:
        try:
            from pdfminer.high_level import extract_text

            text = extract_text(io.BytesIO(data)) or text
        except Exception:  # pdfminer is only a second opinion; keep pypdf's result
            log.debug("pdfminer could not read the PDF", exc_info=True)
    return text, len(reader.pages)


def docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def odf_text(data: bytes) -> str:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    doc = load(io.BytesIO(data))
    return "\n".join(teletype.extractText(el) for tag in (H, P) for el in doc.getElementsByType(tag))


def xlsx_text(data: bytes) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    parts = []
    for ws in wb.worksheets:
        parts.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            cells = [str(c) for c in row if c is not None]
            if cells:
                parts.append(" ".join(cells))
    return "\n".join(parts)


def txt_text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def extract(data: bytes, mime: str, ocr: bool = True) -> Extracted:
    """Text of a file; scans and images go through OCR when Tesseract is installed."""
    if mime == ingest.PDF:
        text, pages = pdf_text(data)
        if len(text.strip()) >= 20 or not ocr:
            return Extracted(text[:MAX_TEXT], pages)
        if not tesseract_path() or not ghostscript_path():
            return Extracted(text, pages, ocr_missing=True)
        images = render_pdf_pages(data, 1, min(pages, 50), dpi=300)
        return Extracted("\n".join(ocr_image_bytes(img) for img in images)[:MAX_TEXT], pages, ocr=True)
    if mime in ingest.IMAGES:
        if not ocr or not tesseract_path():
            return Extracted("", 1, ocr_missing=bool(ocr))
        return Extracted(ocr_image_bytes(data)[:MAX_TEXT], 1, ocr=True)
    reader = {
        ingest.DOCX: docx_text,
        ingest.XLSX: xlsx_text,
        ingest.ODT: odf_text,
        ingest.ODS: odf_text,
        ingest.TXT: txt_text,
    }
    return Extracted(reader[mime](data)[:MAX_TEXT])


def thumbnail(data: bytes, mime: str, width: int = 320) -> bytes | None:
    """A PNG preview of the first page (PDF via Ghostscript, images via Pillow)."""
    from PIL import Image

    if mime == ingest.PDF:
        pages = render_pdf_pages(data, 1, 1, dpi=60)
        if not pages:
            return None
        data = pages[0]
    elif mime not in ingest.IMAGES:
        return None
    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        img.thumbnail((width, width * 2))
        out = io.BytesIO()
        img.save(out, "PNG", optimize=True)
        return out.getvalue()
