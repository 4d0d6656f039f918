"""The fields every area stores an accepted upload with, and where a refusal is shown."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.core.evidence import DOCUMENTS, EvidenceType, evidence_fields

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def test_an_accepted_upload_is_stored_with_its_true_type_and_a_clean_name():
    upload = SimpleUploadedFile("C:\\扫描\\获奖证书.pdf", PDF)
    actor = object()

    fields = evidence_fields(upload, actor=actor)

    assert fields == {
        "file": upload,
        "original_name": "获奖证书.pdf",
        "content_type": EvidenceType.PDF,
        "size": len(PDF),
        "uploaded_by": actor,
    }


def test_a_refusal_stands_next_to_the_named_form_field():
    with pytest.raises(ValidationError) as refused:
        evidence_fields(
            SimpleUploadedFile("gift.png", PNG), actor=None, types=DOCUMENTS, field="minutes"
        )

    assert [e.code for e in refused.value.error_dict["minutes"]] == ["bad_type"]


def test_without_a_field_the_refusal_is_the_policys_own():
    with pytest.raises(ValidationError) as refused:
        evidence_fields(SimpleUploadedFile("big.pdf", PDF), actor=None, max_bytes=10)

    assert not hasattr(refused.value, "error_dict")
    assert refused.value.code == "too_large"
