"""Re-hash every stored file and compare with the SHA-256 kept in the database."""

import hashlib
from dataclasses import dataclass, field

from ikonnekt.documents.models import Version


@dataclass
class Report:
    ok: int = 0
    missing: list = field(default_factory=list)
    altered: list = field(default_factory=list)

    @property
    def healthy(self):
        return not self.missing and not self.altered


def file_sha256(fh) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: fh.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def verify_all(progress=None) -> Report:
    report = Report()
    total = Version.objects.count() or 1
    qs = Version.objects.select_related("document").order_by("pk")
    for i, version in enumerate(qs.iterator(chunk_size=500), start=1):
        label = f"{version.document_id}/v{version.number} {version.original_name} ({version.file.name})"
        try:
            with version.file.open("rb") as fh:
                actual = file_sha256(fh)
        except (FileNotFoundError, OSError):
            report.missing.append(label)
            continue
        if actual != version.sha256:
            report.altered.append(label)
        else:
            report.ok += 1
        if progress and i % 200 == 0:
            progress(i * 100 / total, f"{i}/{total}")
    return report
