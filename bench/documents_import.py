"""Bulk import of N small PDFs with text (default 10,000) through the real import path
(content check, SHA-256, storage, database, search index, audit), next to a baseline of the
bare minimum (read + hash + copy each file) measured in the same run; then text extraction
throughput (pypdf text layer) over the imported versions.

    PYTHONPATH=src .venv/bin/python bench/documents_import.py [--files 10000]
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--files", type=int, default=10_000)
args = parser.parse_args()

work = Path(tempfile.mkdtemp(prefix="ikonnekt-bench-import-"))
os.environ["SQLITE_PATH"] = str(work / "db.sqlite3")
os.environ["MEDIA_ROOT"] = str(work / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikonnekt.settings")
os.environ.setdefault("DEBUG", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import django  # noqa: E402

django.setup()
from django.core.management import call_command  # noqa: E402

call_command("migrate", verbosity=0)
from django.contrib.auth import get_user_model  # noqa: E402

from ikonnekt.core.audit import Actor  # noqa: E402
from ikonnekt.documents import extraction  # noqa: E402
from ikonnekt.documents.importer import import_folder  # noqa: E402
from ikonnekt.documents.models import Version  # noqa: E402
from ikonnekt.documents.pdfgen import make_pdf  # noqa: E402
from ikonnekt.documents.tasks import process_version  # noqa: E402
from ikonnekt.organizations.models import Membership, Organisation  # noqa: E402

rng = random.Random(7)
WORDS = (
    "Gemeinde Kreisstadt Grünschnitt Gewerbegebiet Zweckvereinbarung Kompostplatz Energiebericht Sitzung Beschluss "
    "Angebot Rechnung Tonnen Euro Verwertung Liegenschaft Wärmeversorgung Bebauungsplan Regenwasser"
).split()
src = work / "inbox"
src.mkdir()
for i in range(args.files):
    paras = [" ".join(rng.choices(WORDS, k=60)) for _ in range(3)]
    (src / f"brief_{i:05d}.pdf").write_bytes(make_pdf(f"Schreiben {i} an die Gemeinde", paras))
total_bytes = sum(p.stat().st_size for p in src.iterdir())
print(f"{args.files} PDFs, {total_bytes / 1e6:.1f} MB", flush=True)

# baseline: read + SHA-256 + copy into a storage folder
t0, c0 = time.perf_counter(), time.process_time()
dest = work / "baseline"
dest.mkdir()
for p in sorted(src.iterdir()):
    data = p.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    (dest / digest).write_bytes(data)
baseline, baseline_cpu = time.perf_counter() - t0, time.process_time() - c0
shutil.rmtree(dest)

org = Organisation.objects.create(name="Bench-Gemeinde", slug="bench", code="BG", kind="municipality")
user = get_user_model().objects.create_user("bench-import", password="x" * 12)
Membership.objects.create(user=user, organisation=org, role="editor")
t0, c0 = time.perf_counter(), time.process_time()
report = import_folder(Actor.system(user=user, organisation=org), src, owner_id=org.pk, extract=False)
ours, ours_cpu = time.perf_counter() - t0, time.process_time() - c0
assert report.imported == args.files, report.summary()

t0, c0 = time.perf_counter(), time.process_time()
chars = 0
for version in Version.objects.iterator():
    with version.file.open("rb") as fh:
        chars += len(extraction.extract(fh.read(), version.mime_type).text)
extract_s, extract_cpu = time.perf_counter() - t0, time.process_time() - c0

# the full background step (text + preview via Ghostscript + index update) on a sample
sample = list(Version.objects.values_list("pk", flat=True)[:50])
t0 = time.perf_counter()
for vid in sample:
    process_version(vid)
full_sample = time.perf_counter() - t0

result = {
    "files": args.files,
    "megabytes": round(total_bytes / 1e6, 1),
    "import_docs_per_s": round(args.files / ours, 1),
    "baseline_read_hash_copy_per_s": round(args.files / baseline, 1),
    "ratio_baseline_vs_import": round(ours / baseline, 1),
    "import_docs_per_cpu_s": round(args.files / ours_cpu, 1),
    "baseline_per_cpu_s": round(args.files / max(baseline_cpu, 1e-6), 1),
    "extraction_docs_per_cpu_s": round(args.files / extract_cpu, 1),
    "extraction_docs_per_s": round(args.files / extract_s, 1),
    "extraction_chars_per_s": round(chars / extract_s),
    "full_processing_with_preview_docs_per_s": round(len(sample) / full_sample, 2),
    "load_average": os.getloadavg(),
}
print(json.dumps(result, indent=2))
(Path(__file__).parent / "results" / "documents_import.json").write_text(json.dumps(result, indent=2))
shutil.rmtree(work, ignore_errors=True)
