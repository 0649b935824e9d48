"""Opening ZIP archives from users without letting them cost memory (ZIP bombs).

Every place that opens an uploaded archive (office files, document packages, catalogue, product,
meter and filing-plan imports, XLSX read by openpyxl) goes through :func:`open_archive` or
:func:`check_archive`. Before a single byte is inflated they check

- the number of members,
- every member's declared uncompressed size and the sum of them,
- every member's compression ratio (and the whole archive's),

and :meth:`SafeArchive.read` inflates a member in chunks and stops at a cap, so a member whose
header lies about its size cannot grow past the limit either. Failures raise
:class:`ArchiveRejected` whose ``str()`` is a German message for the user.

Libraries that open the ZIP themselves (openpyxl, python-docx, odfpy) get the bytes only after
:func:`check_archive` passed; Python's ``zipfile`` never inflates a member past its declared size,
so checking the declared sizes bounds what they can allocate.
"""

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Caps for one kind of archive (sizes in bytes)."""

    max_total: int = 200 * MB  # sum of the declared uncompressed sizes
    max_member: int = 100 * MB  # one member, declared and actually inflated
    max_members: int = 10_000
    max_ratio: int = 150  # uncompressed : compressed, per member larger than ``ratio_floor``
    ratio_floor: int = 1 * MB  # small members may compress well (XML with repeated tags)


OFFICE = Limits()
PACKAGE = Limits(max_total=1024 * MB, max_member=512 * MB, max_members=50_000, max_ratio=200)
SPREADSHEET = Limits(max_total=100 * MB, max_member=100 * MB, max_members=5_000)
CHUNK = 64 * 1024


class ArchiveRejected(ValueError):
    """An archive that must not be opened; ``str()`` is the German message for the user."""


def _mb(size: int) -> str:
    return f"{size / MB:.0f}"


def _bomb(total: int, compressed: int) -> ArchiveRejected:
    return ArchiveRejected(
        _(
            "The file unpacks to %(mb)s MB (compression %(ratio)s:1); it looks like a ZIP bomb and was refused."
        )
        % {"mb": _mb(total), "ratio": int(total / max(compressed, 1))}
    )


def _open(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ArchiveRejected(_("The file is damaged or not a ZIP archive.")) from exc


def _check_infos(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(infos) > limits.max_members:
        raise ArchiveRejected(
            _("The archive holds %(count)s files; at most %(max)s are accepted.")
            % {"count": len(infos), "max": limits.max_members}
        )
    total = compressed = 0
    for info in infos:
        size, packed = info.file_size, info.compress_size
        if size > limits.max_member or (
            size > limits.ratio_floor and size / max(packed, 1) > limits.max_ratio
        ):
            raise _bomb(size, packed)
        total += size
        compressed += packed
    if total > limits.max_total or (
        total > limits.ratio_floor and total / max(compressed, 1) > limits.max_ratio
    ):
        raise _bomb(total, compressed)


class SafeArchive:
    """A checked ZIP; members are read with a cap. Use as a context manager."""

    def __init__(self, data: bytes, limits: Limits = OFFICE):
        self.limits = limits
        self._zip = _open(data)
        try:
            self._infos = self._zip.infolist()
            _check_infos(self._infos, limits)
        except BaseException:
            self._zip.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        self._zip.close()

    def namelist(self) -> list[str]:
        return [info.filename for info in self._infos]

    def infolist(self) -> list[zipfile.ZipInfo]:
        return list(self._infos)

    def read(self, name: str, limit: int | None = None) -> bytes:
        """The member's bytes, inflated in chunks; refuses past ``limit`` (default: the member cap)
        and answers a damaged member (bad CRC, truncated data) with :class:`ArchiveRejected`."""
        cap = min(limit or self.limits.max_member, self.limits.max_member)
        try:
            info = self._zip.getinfo(name)
        except KeyError as exc:
            raise ArchiveRejected(_("The archive has no part %(name)s.") % {"name": name}) from exc
        if info.file_size > cap:
            raise _bomb(info.file_size, info.compress_size)
        parts, size = [], 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    if size > cap:
                        raise _bomb(size, info.compress_size)
                    parts.append(chunk)
        except ArchiveRejected:
            raise
        except Exception as exc:  # BadZipFile (bad CRC), zlib.error, EOFError, NotImplementedError
            raise ArchiveRejected(_("The part %(name)s of the archive is damaged.") % {"name": name}) from exc
        return b"".join(parts)

    def test(self) -> None:
        """Inflate every member in chunks (CRC check) without keeping the bytes."""
        for info in self._infos:
            if info.is_dir():
                continue
            self.read_discard(info)

    def read_discard(self, info: zipfile.ZipInfo) -> None:
        size = 0
        try:
            with self._zip.open(info) as member:
                while chunk := member.read(CHUNK):
                    size += len(chunk)
                    if size > self.limits.max_member:
                        raise _bomb(size, info.compress_size)
        except ArchiveRejected:
            raise
        except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError, NotImplementedError
            raise ArchiveRejected(
                _("The part %(name)s of the archive is damaged.") % {"name": info.filename}
            ) from exc


def open_archive(data: bytes, limits: Limits = OFFICE) -> SafeArchive:
    """A :class:`SafeArchive` over ``data``; raises :class:`ArchiveRejected`."""
    return SafeArchive(data, limits)


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04" and zipfile.is_zipfile(io.BytesIO(data))


def check_archive(data: bytes, limits: Limits = OFFICE, *, test: bool = False) -> None:
    """Check declared sizes and ratios (and with ``test`` every member's data) before a library
    such as openpyxl opens the ZIP itself."""
    with open_archive(data, limits) as archive:
        if test:
            archive.test()
