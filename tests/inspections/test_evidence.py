import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from apps.core.evidence import DEFAULT_MAX_BYTES as MAX_EVIDENCE_BYTES
from apps.inspections import services
from apps.inspections.choices import Step
from apps.inspections.models import InspectionEvidence, RectificationEvidence
from apps.inspections.services import rectification
from tests.factories.inspections import JPEG_BYTES, PDF_BYTES, PNG_BYTES, upload


def _add(inspector, report, *uploads):
    return services.inspection_evidence_add(actor=inspector, inspection=report, uploads=uploads)


def test_it_stores_evidence_under_a_random_name_and_keeps_the_uploaded_name(
    inspector, kunming_report
):
    (evidence,) = _add(inspector, kunming_report, upload("昆明市督导记录.pdf"))

    assert evidence.original_name == "昆明市督导记录.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF_BYTES)
    assert evidence.file.name.startswith("inspections/evidence/")
    assert evidence.file.name.endswith(".pdf")
    assert "督导" not in evidence.file.name
    with evidence.file.open("rb") as handle:
        assert handle.read() == PDF_BYTES
    assert kunming_report.history.filter(history_change_reason=Step.EVIDENCE_ADDED).exists()


def test_it_accepts_png_and_jpeg_by_content(inspector, kunming_report):
    png, jpeg = _add(
        inspector,
        kunming_report,
        upload("阵地.png", PNG_BYTES, "image/png"),
        upload("活动.jpeg", JPEG_BYTES, "image/jpeg"),
    )

    assert (png.content_type, jpeg.content_type) == ("image/png", "image/jpeg")
    assert jpeg.file.name.endswith(".jpg")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("记录.pdf", b"just some text pretending", "bad_type"),
        ("记录.pdf", PNG_BYTES, "bad_type"),  # content and name disagree
        ("脚本.exe", PDF_BYTES, "bad_type"),
        ("空.pdf", b"", "empty"),
        ("大.pdf", PDF_BYTES + b"0" * MAX_EVIDENCE_BYTES, "too_large"),
    ],
)
def test_it_refuses_files_that_are_not_small_pdf_jpg_or_png(
    inspector, kunming_report, name, content, code
):
    with pytest.raises(ValidationError) as raised:
        _add(inspector, kunming_report, upload(name, content, "application/pdf"))

    assert "files" in raised.value.message_dict
    assert raised.value.error_dict["files"][0].code == code
    assert not InspectionEvidence.objects.exists()


def test_one_bad_file_refuses_the_whole_upload(inspector, kunming_report):
    with pytest.raises(ValidationError):
        _add(inspector, kunming_report, upload("好.pdf"), upload("坏.pdf", b"not a pdf"))

    assert not InspectionEvidence.objects.exists()


def test_the_upload_form_shows_a_bad_file_next_to_the_field(inspector, kunming_report, login):
    client = login(inspector)

    response = client.post(
        f"/inspections/reports/{kunming_report.pk}/evidence/new/",
        {"files": [upload("伪装.png", b"<html>not an image</html>", "image/png")]},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"files"}
    assert not InspectionEvidence.objects.exists()


def test_the_upload_form_attaches_several_files(inspector, kunming_report, login):
    client = login(inspector)

    response = client.post(
        f"/inspections/reports/{kunming_report.pk}/evidence/new/",
        {"files": [upload("一.pdf"), upload("二.png", PNG_BYTES, "image/png")]},
    )

    assert response.status_code == 302
    assert sorted(kunming_report.evidence.values_list("original_name", flat=True)) == [
        "一.pdf",
        "二.png",
    ]


def test_evidence_downloads_only_for_those_who_see_the_report(
    inspector, other_inspector, edu_kunming, edu_yuxi, official_kunming, kunming_report, login
):
    (evidence,) = _add(inspector, kunming_report, upload("记录.pdf"))
    url = f"/inspections/evidence/{evidence.pk}/"

    for allowed in (inspector, edu_kunming, official_kunming):
        response = login(allowed).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert response["Cache-Control"] == "private, no-store"
    for outsider in (other_inspector, edu_yuxi):
        assert login(outsider).get(url).status_code == 404


def test_evidence_is_not_reachable_signed_out(inspector, kunming_report, client):
    (evidence,) = _add(inspector, kunming_report, upload("记录.pdf"))

    response = client.get(f"/inspections/evidence/{evidence.pk}/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def _stored(folder: str) -> set[str]:
    try:
        return set(default_storage.listdir(folder)[1])
    except FileNotFoundError:
        return set()


def test_a_bad_later_file_leaves_no_earlier_file_on_disk(inspector, kunming_report):
    before = _stored("inspections/evidence")

    with pytest.raises(ValidationError) as raised:
        _add(inspector, kunming_report, upload("好.pdf"), upload("坏.pdf", b"not a pdf"))

    assert raised.value.error_dict["files"][0].code == "bad_type"
    assert _stored("inspections/evidence") <= before


def test_files_written_before_a_later_step_fails_are_removed_with_the_rollback(
    inspector, edu_kunming, kunming_report, login, monkeypatch
):
    # given an order waiting for Kunming's rectification
    finding = services.finding_add(actor=inspector, inspection=kunming_report, text="课时不足")
    order = services.rectification_order_issue(
        actor=inspector,
        finding=finding,
        requirement="整改",
        deadline=datetime.date(2030, 1, 1),
    )
    before = _stored("inspections/evidence")

    # when the step after the files are stored fails
    def failing_step(*args, **kwargs):
        raise ValidationError("数据库写入失败")

    monkeypatch.setattr(rectification, "_step", failing_step)
    response = login(edu_kunming).post(
        f"/inspections/orders/{order.pk}/rectify/",
        {"text": "已整改。", "files": [upload("一.pdf"), upload("二.png", PNG_BYTES, "image/png")]},
    )

    # then nothing is saved and no file stays behind
    assert response.status_code == 200
    assert not RectificationEvidence.objects.exists()
    assert _stored("inspections/evidence") <= before
