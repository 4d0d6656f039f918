"""The pages: nominating and reviewing through the forms, the public 公示 with its
objection form, the final list with its xlsx, the certificate and its verification page."""

import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from apps.commendations import services
from apps.commendations.choices import ReviewLevel
from apps.commendations.models import Nomination, NominationEvidence, Objection
from apps.core import clock
from apps.core.people import person_label
from tests.commendations.conftest import child_data
from tests.history_panel import file_entries, panel


def test_county_staff_nominate_through_the_form_and_reviewers_decide(
    client, children, league_wuhua, edu_wuhua, school
):
    client.force_login(league_wuhua)
    url = reverse("commendations:nomination-create", args=[children.pk])
    assert client.get(url).status_code == 200
    # a bad post keeps what was typed and names the field
    response = client.post(url, {"name": "张小红", "deeds": ""})
    assert response.status_code == 200
    assert "张小红" in response.content.decode()
    response = client.post(
        url,
        {
            "name": "张小红",
            "gender": "female",
            "ethnicity": "白族",
            "school": school.pk,
            "squad_name": "四年级（1）中队",
            "deeds": "热爱集体。",
        },
    )
    nomination = Nomination.objects.get(child__name="张小红")
    assert response.status_code == 302

    client.force_login(edu_wuhua)
    page = client.get(reverse("commendations:nomination-detail", args=[nomination.pk]))
    assert 'data-form="review"' in page.content.decode()
    review = reverse("commendations:nomination-review", args=[nomination.pk])
    response = client.post(review, {"decision": "return", "comment": "", "version": 1})
    assert response.status_code == 200  # the reason is missing: shown next to the field
    client.post(review, {"decision": "approve", "comment": "", "version": nomination.version})
    nomination.refresh_from_db()
    assert nomination.current_level == ReviewLevel.PREFECTURE


def test_the_public_notice_shows_consented_nominees_and_the_office_contact(client, published):
    notice, _shown, _hidden = published
    html = client.get(reverse("commendations:public-notice-detail", args=[notice.pk])).content
    html = html.decode()
    assert "data-nominee>刘思雨" in html
    assert "HYPERLINK" not in html
    assert "data-office-contact" in html and "0871-65141234" in html
    assert "逐级推荐、严格审核" in html


def test_an_anonymous_objection_is_refused_next_to_the_field_and_a_named_one_accepted(
    client, published
):
    notice, shown, _hidden = published
    url = reverse("commendations:objection-create", args=[notice.pk])
    data = {"objector_kind": "person", "nomination": shown.pk, "grounds": "材料不实。"}
    response = client.post(url, data)
    assert response.status_code == 200 and "材料不实" in response.content.decode()
    assert not Objection.objects.exists()
    response = client.post(
        url, {**data, "objector_name": "赵建国", "objector_phone": "13800001111"}
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.objector_phone == "13800001111"
    # the phone is shown to the province, not to a county reviewer
    page = client.get(reverse("commendations:public-notice-detail", args=[notice.pk]))
    assert "13800001111" not in page.content.decode()


def test_the_objector_is_seen_only_by_provincial_staff(client, published, edu_province, edu_wuhua):
    notice, shown, _hidden = published
    services.objection_submit(
        notice=notice,
        nomination=shown,
        objector_kind="person",
        objector_name="赵建国",
        objector_phone="13800001111",
        grounds="材料不实。",
    )
    client.force_login(edu_province)
    assert "13800001111" in client.get(reverse("commendations:objection-list")).content.decode()
    client.force_login(edu_wuhua)
    assert "13800001111" not in client.get(reverse("commendations:objection-list")).content.decode()


def test_the_final_list_downloads_escaped_and_certificates_verify(client, published, edu_province):
    notice, shown, _hidden = published
    with clock.travel(notice.ends_on + datetime.timedelta(days=1)):
        services.notice_close(actor=edu_province, notice=notice)
        round_ = services.final_list_publish(
            actor=edu_province, round=notice.round, decision_number="云少工委〔2026〕9号"
        )
    # the notice left the public list
    assert (
        client.get(reverse("commendations:public-notice-detail", args=[notice.pk])).status_code
        == 404
    )
    page = client.get(reverse("commendations:public-decision-detail", args=[round_.pk]))
    assert "data-nominee>刘思雨" in page.content.decode()
    response = client.get(reverse("commendations:public-decision-xlsx", args=[round_.pk]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in cells)

    shown.refresh_from_db()
    verify = client.get(reverse("commendations:verify", args=[shown.serial]))
    assert verify.status_code == 200 and shown.serial in verify.content.decode()
    assert client.get(reverse("commendations:verify", args=["NOPE"])).status_code == 404

    client.force_login(edu_province)
    pdf = client.get(reverse("commendations:certificate", args=[shown.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_staff_record_the_guardians_consent_and_the_child_is_then_named(
    client, published, edu_wuhua
):
    notice, _shown, hidden = published
    client.force_login(edu_wuhua)
    detail = client.get(reverse("commendations:nomination-detail", args=[hidden.pk]))
    assert 'data-form="consent"' in detail.content.decode()
    url = reverse("commendations:consent-record", args=[hidden.pk])
    version = detail.context["consent_form"]["version"].value()
    future = (clock.today() + datetime.timedelta(days=3)).isoformat()
    refused = client.post(url, {"consent_on": future, "version": version})
    assert refused.status_code == 200  # refused, on the page
    client.post(url, {"consent_on": clock.today().isoformat(), "version": version})
    client.logout()
    page = client.get(reverse("commendations:public-notice-detail", args=[notice.pk]))
    assert "HYPERLINK" in page.content.decode()


def test_a_file_whose_bytes_are_not_what_its_name_says_is_refused_next_to_it_on_the_page(
    client, children, nominate, league_wuhua
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    nomination = nominate(children)
    client.force_login(league_wuhua)
    url = reverse("commendations:evidence-add", args=[nomination.pk])

    # when a text file named like a PDF is posted from the nomination's page
    upload = SimpleUploadedFile("事迹.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(url, {"file": upload})

    # then the page is shown again with the refusal next to the file, and nothing is kept
    assert response.status_code == 200
    assert response.context["nomination"].pk == nomination.pk
    assert response.context["evidence_form"].errors["file"]
    assert not nomination.evidence.exists()
    # and a real PDF is kept, back on the nomination's page
    pdf = SimpleUploadedFile("事迹.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(url, {"file": pdf})
    assert response.status_code == 302
    assert response["Location"] == reverse("commendations:nomination-detail", args=[nomination.pk])
    assert nomination.evidence.count() == 1
    # and its upload is in the nomination's history, by whom it was added
    (added,) = file_entries(
        panel(client, response["Location"]), NominationEvidence, "事迹.pdf"
    ).values()
    assert person_label(league_wuhua) in added


def test_the_nomination_list_rows_show_escaped_cells_and_links_in_fixed_queries(
    client, children, directors, nominate, school, edu_province
):
    nomination = nominate(children, child=child_data(school, name='<b>&"'))
    url = reverse("commendations:nomination-list")
    client.force_login(edu_province)
    client.cookies["django_language"] = "en"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    detail = reverse("commendations:nomination-detail", args=[nomination.pk])
    assert (
        f'<tr data-nomination="{nomination.pk}"><th scope="row"><a href="{detail}">'
        "&lt;b&gt;&amp;&quot;</a></th>"
    ) in page
    assert f'<td data-label="Category">{children.name}</td>' in page
    assert f'<td data-label="Nominated in">{nomination.division.name}</td>' in page
    assert '<td data-label="Status">Under review · County</td>' in page
    assert "&lt;b&gt;&amp;&quot;" in client.get(f"{url}?status=submitted").content.decode()
    assert "&lt;b&gt;" not in client.get(f"{url}?status=withdrawn").content.decode()

    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    nominate(directors)  # a query for each kind of nominee on the page, not for each row
    one = queries_for_the_list()
    for _ in range(3):
        nominate(children)
        nominate(directors)
    assert queries_for_the_list() == one
