"""The joint-meeting pages: scoped lists and details, people as 姓名（单位）, minutes served
only to those who see the meeting, forms whose refusals sit next to the field, the admin
writing through the services, the dashboard and the to-do list."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.core import clock
from apps.core.people import person_label
from apps.documents.demo import pdf_bytes
from apps.meetings import services
from apps.meetings.models import Attendee, Decision, Meeting, Minutes
from tests.admin_forms import inline
from tests.history_panel import file_entries, panel
from tests.meetings.conftest import decide

D = datetime.date


def detail(meeting):
    return reverse("meetings:meeting-detail", args=[meeting.pk])


def test_a_meeting_shows_to_the_divisions_it_tasked_and_not_to_others(
    login, meeting, kunming_decision, edu_wuhua, edu_yuxi
):
    # Kunming was tasked; Wuhua (inside Kunming) sees the meeting but not Kunming's decision;
    # Yuxi was not tasked at all.
    kunming = login(kunming_decision.responsible).get(detail(meeting))
    assert [d.pk for d in kunming.context["decisions"]] == [kunming_decision.pk]

    assert login(edu_wuhua).get(detail(meeting)).status_code == 404
    assert login(edu_yuxi).get(detail(meeting)).status_code == 404
    assert list(login(edu_yuxi).get(reverse("meetings:meeting-list")).context["page"]) == []


def test_attendees_show_as_name_and_unit(login, meeting, league_province):
    client = login(league_province)

    response = client.post(
        reverse("meetings:attendee-add", args=[meeting.pk]),
        {"person_name": "李春华", "person_unit": "共青团昆明市委员会"},
    )

    assert response.url == detail(meeting)
    assert "李春华（共青团昆明市委员会）" in client.get(detail(meeting)).content.decode()
    assert Attendee.objects.get().history.get().history_user == league_province


def test_minutes_are_uploaded_and_served_to_those_who_see_the_meeting(
    login, meeting, league_province, kunming_decision, edu_yuxi
):
    client = login(league_province)
    upload = SimpleUploadedFile("纪要.pdf", pdf_bytes("minutes"), content_type="application/pdf")
    client.post(reverse("meetings:minutes-upload", args=[meeting.pk]), {"minutes": upload})

    download = client.get(reverse("meetings:minutes-download", args=[meeting.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    tasked = login(kunming_decision.responsible)
    assert tasked.get(reverse("meetings:minutes-download", args=[meeting.pk])).status_code == 200
    outsider = login(edu_yuxi)
    assert outsider.get(reverse("meetings:minutes-download", args=[meeting.pk])).status_code == 404


def test_a_file_that_is_no_document_is_refused_next_to_the_field(login, meeting, league_province):
    upload = SimpleUploadedFile("纪要.pdf", b"not a pdf at all", content_type="application/pdf")

    response = login(league_province).post(
        reverse("meetings:minutes-upload", args=[meeting.pk]), {"minutes": upload}
    )

    assert response.status_code == 200
    assert "minutes" in response.context["form"].errors


def test_a_meeting_is_recorded_from_the_form(login, league_province, bodies):
    response = login(league_province).post(
        reverse("meetings:meeting-create"),
        {
            "title": "第二次联席会议",
            "held_on": "2019-09-20",
            "place": "昆明",
            "bodies": [b.pk for b in bodies],
        },
    )

    meeting = Meeting.objects.get()
    assert response.url == detail(meeting)
    assert meeting.bodies.count() == 2


def test_a_decision_given_to_the_wrong_person_keeps_what_was_typed(
    login, meeting, league_province, league_kunming
):
    response = login(league_province).post(
        reverse("meetings:decision-create", args=[meeting.pk]),
        {
            "text": "配齐县级少先队总辅导员",
            "owner_division": "530100",
            "owner_side": "education",
            "responsible": league_kunming.pk,
            "due_on": "2019-06-30",
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "responsible" in form.errors
    assert form["text"].value() == "配齐县级少先队总辅导员"
    assert not Decision.objects.exists()
    # People are offered as 姓名（单位）
    assert person_label(league_kunming) in response.content.decode()


def test_the_owner_reports_a_decision_done_from_the_form(login, kunming_decision, edu_kunming):
    client = login(edu_kunming)
    url = reverse("meetings:decision-complete", args=[kunming_decision.pk])

    response = client.post(url, {"outcome": "已配齐", "done_on": "", "version": "1"})

    assert response.url == detail(kunming_decision.meeting)
    kunming_decision.refresh_from_db()
    assert (kunming_decision.status, kunming_decision.done_on) == ("done", clock.today())


def test_the_other_side_cannot_open_the_done_form(login, kunming_decision, league_kunming):
    url = reverse("meetings:decision-complete", args=[kunming_decision.pk])

    assert login(league_kunming).get(url).status_code == 403


def test_an_overdue_decision_is_on_the_owners_dashboard_and_to_do_list(
    login, meeting, league_province, edu_kunming, edu_yuxi
):
    overdue = decide(
        meeting, league_province, edu_kunming, due_on=clock.today() - datetime.timedelta(days=3)
    )

    page = login(edu_kunming).get(reverse("reports:dashboard")).content.decode()
    assert f'data-decision="{overdue.pk}" class="overdue"' in page
    assert 'data-indicator="joint_meeting.decisions_overdue" data-value="1"' in page
    todos = login(edu_kunming).get(reverse("reports:dashboard")).context["todos"]
    assert [(t.count, t.overdue) for t in todos if "mine=true" in t.url] == [(1, True)]

    services.decision_complete(actor=edu_kunming, decision=overdue, outcome="已完成")
    after = login(edu_kunming).get(reverse("reports:dashboard"))
    assert f'data-decision="{overdue.pk}"' not in after.content.decode()
    assert not [t for t in after.context["todos"] if "mine=true" in t.url]
    assert f'data-decision="{overdue.pk}"' not in (
        login(edu_yuxi).get(reverse("reports:dashboard")).content.decode()
    )


def test_the_decision_list_filters_what_waits_for_me(
    login, meeting, league_province, edu_kunming, league_kunming
):
    mine = decide(meeting, league_province, edu_kunming)
    decide(meeting, league_province, league_kunming, side="league")

    response = login(edu_kunming).get(reverse("meetings:decision-list") + "?mine=true")

    assert [d.pk for d in response.context["page"]] == [mine.pk]


def test_the_admin_writes_through_the_services(login, meeting, league_province, edu_kunming):
    response = login(league_province).post(
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        {
            "title": meeting.title,
            "held_on": "2018-09-21",
            "place": "昆明",
            "summary": "",
            "bodies": [b.pk for b in meeting.bodies.all()],
            **inline("attendees", {"person_name": "王建国", "person_unit": "昆明市教育体育局"}),
            **inline(
                "decisions",
                {
                    "text": "配齐总辅导员",
                    "owner_division": "530100",
                    "owner_side": "education",
                    "responsible": edu_kunming.pk,
                    "due_on": "2019-06-30",
                },
            ),
        },
    )

    assert response.status_code == 302
    assert Attendee.objects.get().history.get().history_user == league_province
    decision = Decision.objects.get()
    assert (decision.responsible, decision.history.get().history_user) == (
        edu_kunming,
        league_province,
    )


def test_the_admin_refuses_what_the_service_refuses(
    login, meeting, league_province, league_kunming
):
    response = login(league_province).post(
        f"/admin/meetings/meeting/{meeting.pk}/change/",
        {
            "title": meeting.title,
            "held_on": "2018-09-21",
            "place": "昆明",
            "summary": "",
            "bodies": [],
            **inline("attendees"),
            **inline(
                "decisions",
                {
                    "text": "x",
                    "owner_division": "530100",
                    "owner_side": "education",
                    "responsible": league_kunming.pk,
                    "due_on": "2019-06-30",
                },
            ),
        },
        follow=True,
    )

    assert not Decision.objects.exists()
    assert meeting.bodies.count() == 2
    assert response.context["messages"]


def test_the_admin_shows_a_county_only_what_it_sees(login, meeting, edu_yuxi):
    response = login(edu_yuxi).get("/admin/meetings/meeting/")

    assert list(response.context["cl"].result_list) == []


def test_the_decision_export_is_scoped_dated_and_never_a_formula(
    login, meeting, league_province, edu_kunming, edu_yuxi
):
    decide(meeting, league_province, edu_kunming, text='=HYPERLINK("http://x")')
    decide(meeting, league_province, edu_yuxi, code="530400", text="玉溪市事项")

    xlsx = login(edu_kunming).get(reverse("meetings:decision-list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    header = [cell.value for cell in sheet[1]]

    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["议定事项"] == '\'=HYPERLINK("http://x")'
    assert row["完成时限"] == datetime.datetime(2019, 6, 30)
    assert row["责任人"] == person_label(edu_kunming)


def test_minutes_replaced_show_in_the_meetings_history_as_replaced(login, meeting, league_province):
    for name in ("纪要.pdf", "纪要（修订）.pdf"):
        services.minutes_upload(
            actor=league_province, meeting=meeting, upload=SimpleUploadedFile(name, pdf_bytes(name))
        )

    rows = panel(login(league_province), detail(meeting))

    first = file_entries(rows, Minutes, "纪要.pdf")
    assert set(first) == {"created", "deleted"}
    assert "已替换" in first["deleted"]
    assert person_label(league_province) in first["deleted"]
    assert set(file_entries(rows, Minutes, "纪要（修订）.pdf")) == {"created"}
