import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.core.evidence import sniff_evidence_type as sniff_content_type
from apps.core.migration_ops import uploads_as_history
from apps.core.people import person_label
from apps.titles import services
from apps.titles.choices import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES
from apps.titles.models import EvidenceFile
from tests.factories.titles import JPEG_BYTES, PDF_BYTES, PNG_BYTES, upload
from tests.history_panel import file_entries, panel


def _codes(error):
    return {e.code for e in error.error_list}


def test_it_stores_a_pdf_under_a_random_name_and_keeps_the_uploaded_name(draft, applicant):
    evidence = draft.evidence.get()

    assert evidence.content_type == "application/pdf"
    assert evidence.original_name == "certificate.pdf"
    assert evidence.size == len(PDF_BYTES)
    assert evidence.uploaded_by == applicant.user
    assert evidence.file.name.startswith("titles/evidence/")
    assert "certificate" not in evidence.file.name
    assert evidence.file.name.endswith(".pdf")
    with evidence.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES


def test_it_accepts_jpeg_by_content(draft, applicant):
    evidence = services.evidence_add(
        actor=applicant.user,
        application=draft,
        upload=upload("photo.jpeg", JPEG_BYTES, "image/jpeg"),
    )
    assert evidence.content_type == "image/jpeg"
    assert evidence.file.name.endswith(".jpg")


def test_it_refuses_an_oversized_file(draft, applicant):
    big = PDF_BYTES + b"0" * (EVIDENCE_MAX_BYTES + 1 - len(PDF_BYTES))

    with pytest.raises(ValidationError) as raised:
        services.evidence_add(
            actor=applicant.user, application=draft, upload=upload("big.pdf", big)
        )

    assert _codes(raised.value) == {"too_large"}
    assert draft.evidence.count() == 1


def test_it_accepts_a_file_of_exactly_the_limit(draft, applicant):
    exact = PDF_BYTES + b"0" * (EVIDENCE_MAX_BYTES - len(PDF_BYTES))

    evidence = services.evidence_add(
        actor=applicant.user, application=draft, upload=upload("exact.pdf", exact)
    )
    assert evidence.size == EVIDENCE_MAX_BYTES


def test_it_refuses_text_named_pdf_whatever_the_browser_claims(draft, applicant):
    fake = upload("证书.pdf", b"This is plain text pretending to be a PDF.\n", "application/pdf")

    with pytest.raises(ValidationError) as raised:
        services.evidence_add(actor=applicant.user, application=draft, upload=fake)

    assert _codes(raised.value) == {"bad_type"}
    assert draft.evidence.count() == 1


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"GIF89a\x01\x00\x01\x00",
        b"PK\x03\x04 a zip or docx",
        b"\x89PNG\r\n\x1a\n but no header chunk",
    ],
)
def test_it_refuses_other_formats(draft, applicant, content):
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=applicant.user, application=draft, upload=upload("x.pdf", content)
        )
    assert draft.evidence.count() == 1


def test_it_refuses_a_png_named_pdf_so_a_download_is_what_its_name_says(draft, applicant):
    # The one evidence policy (apps/core/evidence.py): a name that claims another type
    # than the bytes is refused, as inspections always did.
    files_before = draft.evidence.count()
    with pytest.raises(ValidationError) as raised:
        services.evidence_add(
            actor=applicant.user,
            application=draft,
            upload=upload("获奖证书.pdf", PNG_BYTES, "application/pdf"),
        )

    assert _codes(raised.value) == {"bad_type"}
    assert "获奖证书" not in str(raised.value.messages)
    assert draft.evidence.count() == files_before


def test_it_stores_a_png_under_a_random_name_and_keeps_the_uploaded_one(draft, applicant):
    evidence = services.evidence_add(
        actor=applicant.user, application=draft, upload=upload("获奖证书.PNG", PNG_BYTES)
    )

    assert evidence.content_type == "image/png"
    assert evidence.file.name.endswith(".png")
    assert "获奖证书" not in evidence.file.name
    assert evidence.original_name == "获奖证书.PNG"
    assert evidence.download_name == "获奖证书.png"


def test_it_refuses_an_empty_file(draft, applicant):
    with pytest.raises(ValidationError):
        services.evidence_add(actor=applicant.user, application=draft, upload=upload("e.pdf", b""))


def test_it_limits_an_application_to_ten_files(draft, applicant):
    for n in range(EVIDENCE_MAX_FILES - 1):
        services.evidence_add(actor=applicant.user, application=draft, upload=upload(f"f{n}.pdf"))
    assert draft.evidence.count() == EVIDENCE_MAX_FILES

    with pytest.raises(ValidationError) as raised:
        services.evidence_add(actor=applicant.user, application=draft, upload=upload("11.pdf"))

    assert _codes(raised.value) == {"too_many"}
    assert draft.evidence.count() == EVIDENCE_MAX_FILES


def test_removing_evidence_deletes_the_stored_file_once_committed(
    draft, applicant, django_capture_on_commit_callbacks
):
    evidence = draft.evidence.get()
    storage, name = evidence.file.storage, evidence.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_remove(actor=applicant.user, evidence=evidence)

    assert not EvidenceFile.objects.filter(pk=evidence.pk).exists()
    assert not storage.exists(name)


def test_the_signature_check_reads_only_the_bytes():
    assert sniff_content_type(PDF_BYTES[:32]) == "application/pdf"
    assert sniff_content_type(PNG_BYTES[:32]) == "image/png"
    assert sniff_content_type(JPEG_BYTES[:32]) == "image/jpeg"
    assert sniff_content_type(b"%PD") is None


def test_a_files_upload_and_removal_are_in_the_applications_history(
    draft, applicant, client, login
):
    evidence = draft.evidence.get()
    services.evidence_remove(actor=applicant.user, evidence=evidence)

    login(applicant.user)
    rows = panel(client, reverse("titles:application-detail", args=[draft.pk]))

    entries = file_entries(rows, EvidenceFile, "certificate.pdf")
    assert set(entries) == {"created", "deleted"}
    assert all(person_label(applicant.user) in row for row in entries.values())


def test_a_files_first_history_row_is_its_upload_by_its_uploader(draft, applicant):
    evidence = draft.evidence.get()

    (record,) = evidence.history.all()

    assert (record.history_type, record.history_user) == ("+", applicant.user)
    assert record.history_date == evidence.uploaded_at


def test_the_migration_gives_files_stored_before_it_their_upload_as_history(draft, applicant):
    evidence = draft.evidence.get()
    evidence.history.all().delete()
    backfill = uploads_as_history("titles", "EvidenceFile").code

    backfill(django_apps, None)
    backfill(django_apps, None)

    (record,) = evidence.history.all()
    assert (record.history_type, record.history_user) == ("+", applicant.user)
    assert record.history_date == evidence.uploaded_at
    assert record.original_name == "certificate.pdf"
