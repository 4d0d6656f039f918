"""The one evidence policy: a file is what its bytes say, and its name must agree."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from apps.core.evidence import (
    DOCUMENTS,
    SCANS_AND_PHOTOS,
    EvidenceType,
    accept,
    discard_rolled_back_files,
    removed_on_rollback,
    validate_evidence_upload,
)

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = _zip("[Content_Types].xml", "word/document.xml", "_rels/.rels")
DOCM = _zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")
OFD = _zip("OFD.xml", "Doc_0/Document.xml")


def _check(name, content, **kwargs):
    return validate_evidence_upload(SimpleUploadedFile(name, content), **kwargs)


def _code(name, content, **kwargs):
    with pytest.raises(ValidationError) as raised:
        _check(name, content, **kwargs)
    return raised.value.code


def test_scans_and_photos_are_taken_by_their_bytes():
    assert _check("通报.pdf", PDF) == EvidenceType.PDF
    assert _check("照片.PNG", PNG) == EvidenceType.PNG


def test_a_name_that_claims_another_type_is_refused():
    assert _code("照片.pdf", PNG) == "bad_type"
    assert _code("通报.png", PDF) == "bad_type"


def test_documents_may_be_docx_and_ofd_where_documents_are_accepted():
    assert _check("实施方案.docx", DOCX, types=DOCUMENTS) == EvidenceType.DOCX
    assert _check("实施方案.ofd", OFD, types=DOCUMENTS) == EvidenceType.OFD
    # ...but not where only scans and photos are.
    assert _code("实施方案.docx", DOCX, types=SCANS_AND_PHOTOS) == "bad_type"
    # ...and photos are no documents.
    assert _code("照片.png", PNG, types=DOCUMENTS) == "bad_type"


def test_a_word_file_with_macros_or_any_other_zip_is_refused():
    assert _code("方案.docx", DOCM, types=DOCUMENTS) == "bad_type"
    assert _code("方案.docx", _zip("hello.txt"), types=DOCUMENTS) == "bad_type"
    assert _code("方案.docx", b"PK\x03\x04 not really a zip", types=DOCUMENTS) == "bad_type"


def test_empty_and_oversized_files_are_refused_with_their_own_reason():
    assert _code("空.pdf", b"") == "empty"
    assert _code("大.pdf", PDF + b"0" * 100, max_bytes=50) == "too_large"


def test_the_file_input_offers_the_accepted_extensions():
    assert accept(DOCUMENTS) == ".pdf,.docx,.ofd"
    assert accept() == ".pdf,.jpg,.jpeg,.png"


# Files of a transaction that rolls back ---------------------------------------------------


@pytest.fixture
def application(divisions):
    from tests.factories.titles import TitleApplicationFactory

    return TitleApplicationFactory()


def _evidence(application, name="证明.pdf"):
    from apps.titles.models import EvidenceFile

    return EvidenceFile(
        application=application,
        file=SimpleUploadedFile(name, PDF, content_type="application/pdf"),
        original_name=name,
        content_type=EvidenceType.PDF,
        size=len(PDF),
        uploaded_by=application.created_by,
    )


def test_a_file_whose_transaction_rolls_back_is_removed_and_a_kept_one_stays(application):
    # given one file saved in a block that rolls back and one in a block that does not
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = _evidence(application)
        lost.save()
        raise RuntimeError("a later step failed")
    with transaction.atomic():
        kept = _evidence(application, "保留.pdf")
        kept.save()
    assert default_storage.exists(lost.file.name)

    # when the stored files are swept
    removed = discard_rolled_back_files()

    # then only the file no row names is gone
    assert removed == [lost.file.name]
    assert not default_storage.exists(lost.file.name)
    assert default_storage.exists(kept.file.name)


def test_a_service_that_stores_files_sweeps_when_it_raises(application):
    @removed_on_rollback
    @transaction.atomic
    def failing_service():
        row = _evidence(application)
        row.save()
        names.append(row.file.name)
        raise ValidationError("refused after the file was written")

    names: list[str] = []
    with pytest.raises(ValidationError):
        failing_service()

    assert not default_storage.exists(names[0])
