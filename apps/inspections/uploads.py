"""Evidence files: what may be uploaded, and where it is stored.

Files are checked by their first bytes, not by the name or the browser's content type, and
stored under MEDIA_ROOT with a random name (MEDIA_URL is not routed, so the only way to a
file is a download view that checks who may see the report or order it belongs to).
"""

import uuid
from pathlib import PurePath

from apps.core.evidence import EXTENSIONS, clean_original_name, validate_evidence_upload

__all__ = ["clean_original_name", "evidence_upload_to", "validate_evidence_file"]

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = sorted({ext for exts in EXTENSIONS.values() for ext in exts})


def validate_evidence_file(upload) -> str:
    """Check an uploaded file's size, name and content; return its content type.

    Raises ValidationError when it is too large, empty, or not a PDF, JPEG or PNG file, or
    when its name claims a different type than its content.
    """
    return validate_evidence_upload(upload, max_bytes=MAX_EVIDENCE_BYTES)


def evidence_upload_to(instance, filename: str) -> str:
    """A random stored name; the uploader's name is kept only in ``original_name``."""
    extension = PurePath(filename).suffix.lower()
    if extension == ".jpeg":
        extension = ".jpg"
    return f"inspections/evidence/{uuid.uuid4().hex}{extension}"
