"""Evidence files: what may be uploaded, and where it is stored.

Files are checked by their first bytes, not by the name or the browser's content type, and
stored under MEDIA_ROOT with a random name (MEDIA_URL is not routed, so the only way to a
file is a download view that checks who may see the report or order it belongs to).
"""

import uuid
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# Detected type -> (content type, stored extension, extensions a file of that type may carry).
EVIDENCE_TYPES = {
    "pdf": ("application/pdf", ".pdf", {".pdf"}),
    "png": ("image/png", ".png", {".png"}),
    "jpeg": ("image/jpeg", ".jpg", {".jpg", ".jpeg"}),
}
ALLOWED_EXTENSIONS = sorted({ext for _, _, exts in EVIDENCE_TYPES.values() for ext in exts})


def sniff_type(head: bytes) -> str | None:
    """The evidence type a file's first bytes announce, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def validate_evidence_file(upload) -> str:
    """Check an uploaded file's size, name and content; return its content type.

    Raises ValidationError when it is too large, empty, or not a PDF, JPEG or PNG file, or
    when its name claims a different type than its content.
    """
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("The file is too large (at most %(max)s).")
            % {"max": filesizeformat(MAX_EVIDENCE_BYTES)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = sniff_type(head)
    extension = PurePath(upload.name or "").suffix.lower()
    if kind is None or extension not in EVIDENCE_TYPES[kind][2]:
        raise ValidationError(_("Only PDF, JPG and PNG files are accepted."), code="invalid_type")
    return EVIDENCE_TYPES[kind][0]


def clean_original_name(name: str) -> str:
    """The uploader's file name without any folder part, for the download's file name."""
    return PurePath(name.replace("\\", "/")).name[:200] or "evidence"


def evidence_upload_to(instance, filename: str) -> str:
    """A random stored name; the uploader's name is kept only in ``original_name``."""
    extension = PurePath(filename).suffix.lower()
    if extension == ".jpeg":
        extension = ".jpg"
    return f"inspections/evidence/{uuid.uuid4().hex}{extension}"
