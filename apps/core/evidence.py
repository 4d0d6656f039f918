"""The one evidence policy: PDF, JPEG and PNG files, judged by their own bytes, for every area.

The file name and the browser's content type are chosen by the uploader and prove nothing:
the type is what the first bytes say, and a file whose name claims another type than its
bytes (a PNG named ``.pdf``) is refused, so that what a reviewer downloads is what its name
says. The stored model is ``apps.core.models.EvidenceFileBase``. Files are stored under
MEDIA_ROOT with random names (MEDIA_URL is not routed), so the only way to one is a download
view that checks access.
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"


class EvidenceType(models.TextChoices):
    PDF = PDF, "PDF"
    JPEG = JPEG, "JPEG"
    PNG = PNG, "PNG"


# Content type -> the extensions a file of that type may carry, the one it is stored with first.
EXTENSIONS = {PDF: (".pdf",), PNG: (".png",), JPEG: (".jpg", ".jpeg")}
ACCEPT = ",".join(ext for exts in EXTENSIONS.values() for ext in exts)
HEAD_BYTES = 32
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def sniff_evidence_type(head: bytes) -> str | None:
    """The content type the leading bytes of a file prove (PDF header, PNG signature with its
    mandatory IHDR chunk, JPEG start-of-image marker), or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def validate_evidence_upload(upload, *, max_bytes: int = DEFAULT_MAX_BYTES) -> EvidenceType:
    """Refuse an empty or oversized upload, one that is not a PDF, JPEG or PNG, and one whose
    name claims another type than its bytes; return its true content type."""
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; evidence files may be at most %(limit)s each."),
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    upload.seek(0)
    content_type = sniff_evidence_type(upload.read(HEAD_BYTES))
    upload.seek(0)
    extension = PurePath(upload.name or "").suffix.lower()
    if content_type is None:
        raise ValidationError(
            _("Only PDF, JPG and PNG files are accepted, and this file is none of them."),
            code="bad_type",
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
