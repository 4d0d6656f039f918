"""Checks on title-application evidence: at most EVIDENCE_MAX_BYTES, type read from its bytes.

A PNG named ``.pdf`` is accepted as the PNG it is (stored and served as ``image/png``); text
named ``.pdf`` is refused (see apps.core.evidence).
"""

from django.core.files.uploadedfile import UploadedFile

from apps.core.evidence import sniff_evidence_type
from apps.core.evidence import validate_evidence_upload as validate_file
from apps.titles.choices import EVIDENCE_MAX_BYTES, EvidenceType

sniff_content_type = sniff_evidence_type


def validate_evidence_upload(upload: UploadedFile) -> EvidenceType:
    """Refuse an empty, oversized or non-PDF/JPEG/PNG upload; return its true content type."""
    return EvidenceType(validate_file(upload, max_bytes=EVIDENCE_MAX_BYTES))
