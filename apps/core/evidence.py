"""The one evidence policy: files judged by their own bytes, for every area.

The file name and the browser's content type are chosen by the uploader and prove nothing:
the type is what the first bytes say, and a file whose name claims another type than its
bytes (a PNG named ``.pdf``) is refused, so that what a reviewer downloads is what its name
says. The stored model is ``apps.core.models.EvidenceFileBase``. Files are stored under
MEDIA_ROOT with random names (MEDIA_URL is not routed), so the only way to one is a download
view that checks access. Evidence of work (scans, photos) is PDF, JPEG or PNG; documents
(policy texts and their attachments) are PDF, DOCX or OFD.
"""

import functools
import logging
import threading
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.signals import request_finished
from django.db import connections, models, transaction
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# GB/T 33190: the Chinese standard for fixed-layout documents that government offices issue.
OFD = "application/ofd"


class EvidenceType(models.TextChoices):
    PDF = PDF, "PDF"
    JPEG = JPEG, "JPEG"
    PNG = PNG, "PNG"
    DOCX = DOCX, "DOCX"
    OFD = OFD, "OFD"


# What an area may accept: evidence of work done (scans and photos), or documents.
SCANS_AND_PHOTOS = (EvidenceType.PDF, EvidenceType.JPEG, EvidenceType.PNG)
DOCUMENTS = (EvidenceType.PDF, EvidenceType.DOCX, EvidenceType.OFD)

# Content type -> the extensions a file of that type may carry, the one it is stored with first.
EXTENSIONS = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    DOCX: (".docx",),
    OFD: (".ofd",),
}
HEAD_BYTES = 32
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# A real document package holds a few hundred parts; more is a zip bomb's shape.
_MAX_ZIP_ENTRIES = 5000


def accept(types=SCANS_AND_PHOTOS) -> str:
    """The ``accept`` attribute of a file input for ``types``."""
    return ",".join(ext for t in types for ext in EXTENSIONS[t])


ACCEPT = accept()


def _sniff_package(upload) -> str | None:
    """DOCX or OFD by the parts their zip package must hold (read from the central directory,
    nothing is decompressed); a Word file with macros is no DOCX."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)
    if len(names) > _MAX_ZIP_ENTRIES:
        return None
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return None if any(n.lower().endswith("vbaproject.bin") for n in names) else DOCX
    if "OFD.xml" in names:
        return OFD
    return None


def sniff_evidence_type(head: bytes, upload=None) -> str | None:
    """The content type the leading bytes of a file prove (PDF header, PNG signature with its
    mandatory IHDR chunk, JPEG start-of-image marker; for a zip package, given the file,
    DOCX or OFD by its parts), or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and upload is not None:
        return _sniff_package(upload)
    return None


def _kinds(types) -> str:
    return "、".join(str(EvidenceType(t).label) for t in types)


def validate_evidence_upload(
    upload, *, max_bytes: int = DEFAULT_MAX_BYTES, types=SCANS_AND_PHOTOS
) -> EvidenceType:
    """Refuse an empty or oversized upload, one that is not of ``types`` by its bytes, and
    one whose name claims another type than its bytes; return its true content type."""
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; evidence files may be at most %(limit)s each."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    content_type = sniff_evidence_type(upload.read(HEAD_BYTES), upload)
    upload.seek(0)
    extension = PurePath(upload.name or "").suffix.lower()
    if content_type is None or content_type not in types:
        raise ValidationError(
            _("Only %(kinds)s files are accepted here, and this file is none of them."),
            code="bad_type",
            params={"kinds": _kinds(types)},
        )
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _("The file's name says %(extension)s but its content is %(type)s; rename it."),
            code="bad_type",
            params={"extension": extension or "—", "type": EvidenceType(content_type).label},
        )
    return EvidenceType(content_type)


def clean_original_name(name: str, default: str = "evidence") -> str:
    """The uploader's file name without any folder part, for the download's file name."""
    return PurePath(name.replace("\\", "/")).name[:200] or default


def evidence_fields(
    upload,
    *,
    actor,
    max_bytes: int = DEFAULT_MAX_BYTES,
    types=SCANS_AND_PHOTOS,
    field: str | None = None,
) -> dict:
    """The fields of an evidence row (``apps.core.models.EvidenceFileBase``) for ``upload``
    uploaded by ``actor``, refused under the policy above; a refusal is put on ``field``
    (the form's file field) when one is named."""
    try:
        content_type = validate_evidence_upload(upload, max_bytes=max_bytes, types=types)
    except ValidationError as error:
        if field is None:
            raise
        raise ValidationError({field: error.error_list}) from error
    return {
        "file": upload,
        "original_name": clean_original_name(upload.name or ""),
        "content_type": content_type,
        "size": upload.size,
        "uploaded_by": actor,
    }


def check_file_count(kept: int, limit: int, message, *, field: str | None = None) -> None:
    """Refuse one more file where ``kept`` are already kept and ``limit`` is the most allowed;
    ``message`` takes ``%(limit)d`` and is put on ``field`` when one is named."""
    if kept >= limit:
        error = ValidationError(message, code="too_many", params={"limit": limit})
        raise ValidationError({field: error}) if field else error


def evidence_store[M: models.Model](row: M, upload, *, exclude=("file",), **policy) -> M:
    """Save ``upload`` as ``row``, an unsaved evidence row whose owner is already set, once
    ``evidence_fields`` (given ``policy``: actor, max_bytes, types, field) and
    the model's own rules accept it. Call inside the service's transaction."""
    for name, value in evidence_fields(upload, **policy).items():
        setattr(row, name, value)
    row.full_clean(exclude=list(exclude))
    row.save()
    return row


def evidence_response(file, *, filename: str, content_type: str) -> FileResponse:
    """Serve a stored evidence file as an attachment that browsers and caches won't reuse."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Evidence may show people and pupils: never kept by shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


# Files written inside a transaction that then rolls back ----------------------------------
#
# A file reaches the storage when its row is saved, before the transaction commits. Should
# the transaction roll back (a later file of the batch, or a later step, refused), the row is
# gone but the file would stay, named by nothing. Each file written inside a transaction is
# remembered with an on-commit callback. A file whose callback the database dropped without
# running it (its transaction or savepoint rolled back), and which no row names, is deleted
# at the next sweep: when a service that stores files returns or raises
# (``removed_on_rollback``), and when a request ends.

logger = logging.getLogger(__name__)
_pending = threading.local()


class _Written:
    """A file written for a row inside a transaction; called (on commit) once it is kept."""

    def __init__(self, row: models.Model, field: str, using: str):
        file = getattr(row, field)
        self.storage, self.name, self.using = file.storage, file.name, using
        self.model, self.pk, self.field = type(row), row.pk, field
        self.committed = False

    def __call__(self) -> None:
        self.committed = True

    def rolled_back(self) -> bool | None:
        """True when the row's transaction rolled back and no row names the file; None while
        that cannot be told yet (the transaction is still open or must roll back first)."""
        connection = connections[self.using]
        if any(func is self for _sids, func, _robust in connection.run_on_commit):
            return None  # still waiting for its transaction to commit
        if connection.in_atomic_block and connection.needs_rollback:
            return None
        # The database has the last word: a row naming the file keeps it.
        named = self.model._default_manager.using(self.using).filter(
            pk=self.pk, **{self.field: self.name}
        )
        return not named.exists()


def _written() -> list[_Written]:
    if not hasattr(_pending, "files"):
        _pending.files = []
    return _pending.files


def track_written_file(row: models.Model, field: str = "file", *, using: str) -> None:
    """Remember the file just written for ``row`` (saved on ``using``): it is deleted again
    if the row's transaction rolls back. Outside a transaction the row is already stored."""
    if not getattr(row, field).name or not connections[using].in_atomic_block:
        return
    written = _Written(row, field, using)
    transaction.on_commit(written, using=using, robust=True)
    _written().append(written)


def discard_rolled_back_files() -> list[str]:
    """Delete the files whose transaction rolled back since they were written and that no row
    names; return their names. Files of an open or committed transaction are left alone."""
    removed, keep = [], []
    for written in _written():
        if written.committed:
            continue
        try:
            rolled_back = written.rolled_back()
            if rolled_back:
                written.storage.delete(written.name)
        except Exception:  # housekeeping never breaks the request it follows
            logger.warning("Could not check or remove the evidence file %s", written.name)
            rolled_back = None
        if rolled_back is None:
            keep.append(written)
        elif rolled_back:
            removed.append(written.name)
    _pending.files = keep
    return removed


def forget_written_files() -> None:
    """Stop tracking the files written so far in this thread, keeping them. For a caller
    whose transactions are rolled back on purpose, never committed (a test suite's), so
    that their files are not checked again at a later, unrelated request's end."""
    _pending.files = []


def removed_on_rollback(func):
    """Decorate a service that stores evidence (outside its ``transaction.atomic``): once it
    has returned or raised, files it wrote whose transaction rolled back are deleted."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        finally:
            discard_rolled_back_files()

    return wrapper


def _sweep_at_request_end(**kwargs) -> None:
    discard_rolled_back_files()


request_finished.connect(_sweep_at_request_end, dispatch_uid="evidence_rolled_back_files")
