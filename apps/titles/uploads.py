"""Checks on uploaded evidence: size, and type read from the file's own bytes.

The file name and the browser's content type are chosen by the uploader and prove nothing,
so neither is trusted: the type is what the first bytes say it is. A PNG named ``.pdf`` is
accepted as the PNG it is (stored and served as ``image/png``); text named ``.pdf`` is refused.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from apps.titles.choices import EVIDENCE_MAX_BYTES, EvidenceType

# Magic numbers: PDF (ISO 32000 header), PNG signature plus its mandatory first chunk, JPEG SOI
# followed by a marker.
_SIGNATURES: list[tuple[bytes, int, EvidenceType]] = [
    (b"%PDF-", 0, EvidenceType.PDF),
    (b"\x89PNG\r\n\x1a\n", 0, EvidenceType.PNG),
    (b"\xff\xd8\xff", 0, EvidenceType.JPEG),
]
_PNG_FIRST_CHUNK = (b"IHDR", 12)
_HEAD_BYTES = 32


def sniff_content_type(head: bytes) -> EvidenceType | None:
    """The evidence type the leading bytes of a file prove, or None."""
    for signature, offset, content_type in _SIGNATURES:
        if head[offset : offset + len(signature)] != signature:
            continue
        if content_type == EvidenceType.PNG:
            chunk, at = _PNG_FIRST_CHUNK
            if head[at : at + len(chunk)] != chunk:
                return None
        return content_type
    return None


def validate_evidence_upload(upload: UploadedFile) -> EvidenceType:
    """Refuse an empty, oversized or non-PDF/JPEG/PNG upload; return its true content type."""
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; evidence files may be at most %(limit)s each."),
            code="too_large",
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(EVIDENCE_MAX_BYTES),
            },
        )
    upload.seek(0)
    head = upload.read(_HEAD_BYTES)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise ValidationError(
            _("Only PDF, JPG and PNG files are accepted, and this file is none of them."),
            code="bad_type",
        )
    return content_type
