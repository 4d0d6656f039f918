"""The funding pages: scoped lists and details, forms whose refusals sit next to the field,
the steps of an allocation, exports that keep money numeric, and the public disclosure."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.people import person_label
from apps.funding import services
from apps.funding.choices import AllocationStatus, ProgramStatus
from apps.funding.models import Allocation, Envelope, Program, UsageReceipt
from tests.factories import SchoolFactory, division
from tests.funding.conftest import make_program
from tests.funding.helpers import allocation_at
from tests.history_panel import file_entries, panel


def detail(allocation):
    return reverse("funding:allocation-detail", args=[allocation.pk])


@pytest.fixture
def disbursed(program, wuhua_envelope, edu_wuhua, edu_kunming, migrant_wuhua):
    return allocation_at(
        AllocationStatus.DISBURSED,
        program=program,
        recipient=migrant_wuhua,
        amount="8000.00",
        author=edu_wuhua,
        approvers=[edu_kunming],
    )


@pytest.fixture
def planned(program, wuhua_envelope, edu_wuhua, migrant_wuhua):
    """1.00 allocated by Wuhua's education staff to ``migrant_wuhua``, awaiting approval."""
    return allocation_at(
        AllocationStatus.PLANNED,
        program=program,
        recipient=migrant_wuhua,
        amount="1.00",
        author=edu_wuhua,
    )


# Access and scope -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, args",
    [
        ("funding:program-list", []),
        ("funding:program-create", []),
        ("funding:allocation-list", []),
        ("funding:allocation-detail", [1]),
        ("funding:allocation-approve", [1]),
    ],
)
def test_a_signed_out_visitor_is_sent_to_sign_in(client, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_allocation_outside_the_scope_is_a_404(login, disbursed, edu_yuxi, official_kunming):
    assert login(edu_yuxi).get(detail(disbursed)).status_code == 404
    assert login(official_kunming).get(detail(disbursed)).status_code == 200


def test_programs_run_above_and_inside_the_scope_are_listed(
    login, program, league_kunming, league_province, edu_yuxi, divisions
):
    kunming_fund = make_program(league_kunming, name="昆明市少先队专项")
    yuxi_fund = Program.objects.create(
        name="玉溪市专项",
        year=2017,
        body_education=True,
        total_budget=Decimal("1000.00"),
        purpose="x",
        target="any_school",
        division=division("530400"),
    )

    page = login(edu_yuxi).get(reverse("funding:program-list"))

    shown = {p.pk for p in page.context["page"]}
    assert shown == {program.pk, yuxi_fund.pk}
    assert kunming_fund.pk not in shown
    assert (
        login(edu_yuxi).get(reverse("funding:program-detail", args=[kunming_fund.pk])).status_code
        == 404
    )


def test_a_school_user_sees_only_their_schools_allocations(
    login, disbursed, school_counselor, program, edu_province, migrant_yuxi
):
    allocation_at(
        AllocationStatus.PLANNED,
        program=program,
        recipient=migrant_yuxi,
        amount="1.00",
        author=edu_province,
    )

    response = login(school_counselor).get(reverse("funding:allocation-list"))

    assert [a.pk for a in response.context["page"]] == [disbursed.pk]
    assert login(school_counselor).get(detail(disbursed)).status_code == 200


# Programs and envelopes -----------------------------------------------------------------


def test_staff_create_a_program_with_amounts_in_yuan(login, league_province):
    client = login(league_province)
    data = {
        "name": "“我是光荣的少先队员”主题活动",
        "year": "2017",
        "bodies": ["league", "education"],
        "total_budget": "3,000,000.00",
        "target": "migrant_children",
        "purpose": "全部划拨至外来务工子女集中学校",
        "dual_signoff_threshold": "100000",
    }

    bad = client.post(reverse("funding:program-create"), {**data, "total_budget": "100.005"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["total_budget"]
    response = client.post(reverse("funding:program-create"), data)

    program = Program.objects.get()
    assert response.url == reverse("funding:program-detail", args=[program.pk])
    assert program.total_budget == Decimal("3000000.00")
    assert program.dual_signoff_threshold == Decimal("100000.00")
    assert program.status == ProgramStatus.PLANNING


def test_county_staff_cannot_open_the_program_form(login, edu_wuhua):
    assert login(edu_wuhua).get(reverse("funding:program-create")).status_code == 403


def test_the_program_page_shows_budget_allocated_disbursed_and_a_progress_bar(
    login, disbursed, program, league_province
):
    response = login(league_province).get(reverse("funding:program-detail", args=[program.pk]))

    html = response.content.decode()
    progress = re.search(r"<progress[^>]*>", html).group(0)
    assert 'max="100000.00"' in progress
    assert 'value="8000.00"' in progress
    assert 'data-remaining="92000.00"' in html
    assert "100,000.00 元" in html
    assert 'data-prefecture="530100"' in html
    # Kunming's and Wuhua's envelopes are listed with what they hold.
    assert 'data-pot="530100"' in html and 'data-pot="530102"' in html


def test_an_envelope_over_what_is_left_is_refused_next_to_the_amount(
    login, program, league_province
):
    url = reverse("funding:envelope-create", args=[program.pk])

    response = login(league_province).post(url, {"division": "530100", "amount": "100000.01"})

    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    assert not Envelope.objects.exists()


def test_the_envelope_form_offers_only_divisions_the_user_may_give_to(
    login, kunming_envelope, league_kunming, program
):
    response = login(league_kunming).get(reverse("funding:envelope-create", args=[program.pk]))

    offered = {d.code for d in response.context["form"].fields["division"].queryset}
    assert offered and all(code.startswith("5301") and code != "530100" for code in offered)


# Allocations ----------------------------------------------------------------------------


def test_a_school_outside_the_scope_is_not_a_valid_choice(
    login, wuhua_envelope, program, edu_wuhua, migrant_panlong
):
    url = reverse("funding:allocation-create", args=[program.pk])

    response = login(edu_wuhua).post(url, {"school": migrant_panlong.pk, "amount": "1000"})

    assert response.status_code == 200
    assert response.context["form"].errors["school"]
    assert not Allocation.objects.exists()


def test_a_school_of_the_wrong_kind_is_refused_with_a_clear_message(
    login, wuhua_envelope, program, edu_wuhua, ordinary_wuhua, migrant_wuhua
):
    url = reverse("funding:allocation-create", args=[program.pk])
    client = login(edu_wuhua)

    form = client.get(url).context["form"]
    offered = [value for value, _label in form.fields["school"].widget.choices if value]
    assert offered == [migrant_wuhua.pk]
    response = client.post(url, {"school": ordinary_wuhua.pk, "amount": "1000"})

    (message,) = response.context["form"].errors["school"]
    assert "五华区红旗小学" in message
    assert not Allocation.objects.exists()


def test_an_allocation_is_made_approved_and_shown_with_its_history(
    login, wuhua_envelope, program, edu_wuhua, edu_kunming, migrant_wuhua
):
    url = reverse("funding:allocation-create", args=[program.pk])
    response = login(edu_wuhua).post(
        url, {"school": migrant_wuhua.pk, "amount": "2,500.50", "purpose": "队鼓"}
    )
    allocation = Allocation.objects.get()
    assert response.url == detail(allocation)
    assert allocation.amount == Decimal("2500.50")

    # the author is offered no approval; another person of the pot is
    own_page = login(edu_wuhua).get(detail(allocation))
    assert own_page.context["can_approve"] is False
    client = login(edu_kunming)
    page = client.get(detail(allocation))
    assert page.context["can_approve"] is True
    client.post(
        reverse("funding:allocation-approve", args=[allocation.pk]),
        {"version": allocation.version},
    )

    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.APPROVED
    html = client.get(detail(allocation)).content.decode()
    assert html.count("data-history-entry") == 2
    assert "2,500.50 元" in html


def test_a_step_on_a_stale_page_is_refused_with_a_message(login, edu_kunming, planned):
    allocation = planned
    stale = allocation.version
    services.allocation_approve(actor=edu_kunming, allocation=allocation)

    client = login(edu_kunming)
    response = client.post(
        reverse("funding:allocation-disburse", args=[allocation.pk]),
        {"version": stale},
        follow=True,
    )

    assert Allocation.objects.get().status == AllocationStatus.APPROVED
    assert any(m.tags == "error" for m in response.context["messages"])


def test_the_school_reports_usage_with_a_receipt_and_the_county_accepts(
    login, disbursed, school_staff, edu_wuhua
):
    url = reverse("funding:usage-report", args=[disbursed.pk])
    receipt = SimpleUploadedFile("发票.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20)

    response = login(school_staff).post(
        url,
        {
            "spent": "7,999.99",
            "summary": "购置队鼓",
            "receipt": receipt,
            "version": disbursed.version,
        },
    )
    assert response.status_code == 302
    disbursed.refresh_from_db()
    assert (disbursed.status, disbursed.spent) == (
        AllocationStatus.USAGE_REPORTED,
        Decimal("7999.99"),
    )

    client = login(edu_wuhua)
    client.post(
        reverse("funding:usage-accept", args=[disbursed.pk]), {"version": disbursed.version}
    )
    disbursed.refresh_from_db()
    assert disbursed.remainder == Decimal("0.01")
    page = client.get(detail(disbursed)).content.decode()
    receipt_url = reverse("funding:receipt-download", args=[disbursed.receipts.get().pk])
    assert receipt_url in page
    assert client.get(receipt_url)["Content-Disposition"].startswith("attachment")
    # The receipt's upload is in the allocation's history, by the school's staff.
    (added,) = file_entries(panel(client, detail(disbursed)), UsageReceipt, "发票.png").values()
    assert person_label(school_staff) in added


def test_the_allocation_list_filters_and_pages_in_constant_queries(
    login, program, edu_province, league_province, divisions
):
    schools = [
        SchoolFactory(county=division("530102"), is_migrant_children_school=True) for _ in range(3)
    ]
    for school in schools:
        allocation_at(
            AllocationStatus.PLANNED,
            program=program,
            recipient=school,
            amount="1.00",
            author=edu_province,
        )
    client = login(league_province)
    url = reverse("funding:allocation-list")
    # A first request fills the process's caches (content types, permissions): measure after.
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(30):
        allocation_at(
            AllocationStatus.PLANNED,
            program=program,
            recipient=schools[0],
            amount="1.00",
            author=edu_province,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)

    assert len(many) == len(few)
    assert response.context["page"].has_next
    filtered = client.get(
        url, {"program": program.pk, "county": "530102", "status": "planned", "year": 2017}
    )
    assert filtered.context["page"].count == 33
    assert client.get(url, {"prefecture": "530400"}).context["page"].count == 0
    waiting = client.get(url, {"waiting": "approval"})
    assert waiting.context["page"].count == 33


# Exports --------------------------------------------------------------------------------


def test_the_allocation_export_keeps_money_numeric(login, disbursed, league_province):
    client = login(league_province)
    url = reverse("funding:allocation-list")

    xlsx = client.get(url, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    row = [cell.value for cell in sheet[2]]
    amount = row[header.index("金额（元）")]
    assert isinstance(amount, (int, float)) and Decimal(str(amount)) == Decimal("8000.00")
    assert row[header.index("受助单位")] == "五华区春苗学校"

    csv = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode("utf-8-sig")
    assert "8000.00" in csv


# The public disclosure ------------------------------------------------------------------


def test_the_public_page_shows_totals_per_school_and_no_people(
    client, disbursed, program, edu_wuhua, league_kunming
):
    listing = client.get(reverse("funding:public-program-list"))
    page = client.get(reverse("funding:public-program-detail", args=[program.pk]))

    assert listing.status_code == page.status_code == 200
    html = page.content.decode()
    assert "五华区春苗学校" in html
    assert 'data-total="8000.00"' in html
    assert "8,000.00 元" in html
    for person in (edu_wuhua, league_kunming):
        assert person.full_name not in html
        assert person.username not in html


def test_a_program_that_has_paid_nothing_is_not_public(client, program):
    response = client.get(reverse("funding:public-program-detail", args=[program.pk]))

    assert response.status_code == 404


def test_the_home_page_links_to_the_disclosed_funds(client, disbursed, program):
    html = client.get(reverse("core:home")).content.decode()

    assert reverse("funding:public-program-detail", args=[program.pk]) in html
    assert "五华区春苗学校" not in html


def test_the_program_form_shows_the_program_and_moves_its_status_forward(
    login, league_province, divisions
):
    program = make_program(league_province, open_it=False)
    client = login(league_province)
    url = reverse("funding:program-update", args=[program.pk])

    form = client.get(url).context["form"]
    assert form["name"].value() == program.name
    assert form["total_budget"].value() == "100000.00"
    data = {
        "name": program.name,
        "year": "2017",
        "bodies": ["league", "education"],
        "total_budget": "120000",
        "target": program.target,
        "purpose": program.purpose,
        "dual_signoff_threshold": "",
        "status": "open",
        "version": program.version,
    }
    client.post(url, data)
    program.refresh_from_db()
    assert (program.status, program.total_budget, program.dual_signoff_threshold) == (
        ProgramStatus.OPEN,
        Decimal("120000.00"),
        None,
    )

    # the same page, posted again with the version it was loaded at, is refused
    stale = client.post(url, {**data, "name": "改名"})
    assert stale.status_code == 200
    assert stale.context["form"].non_field_errors()
    assert Program.objects.get().name == program.name


def test_the_dashboard_lists_the_work_waiting_for_the_user(login, edu_wuhua, edu_kunming, planned):
    html = login(edu_kunming).get(reverse("reports:dashboard")).content.decode()
    author_html = login(edu_wuhua).get(reverse("reports:dashboard")).content.decode()

    link = reverse("funding:allocation-list") + "?waiting=approval"
    assert link in html
    assert link not in author_html


def test_the_admin_lists_allocations_in_scope_and_approves_through_the_service(
    client, edu_wuhua, edu_kunming, edu_yuxi, planned
):
    allocation = planned
    changelist = reverse("admin:funding_allocation_changelist")

    client.force_login(edu_yuxi, backend="apps.accounts.backends.PortalBackend")
    assert client.get(changelist).context["cl"].result_count == 0
    client.force_login(edu_wuhua, backend="apps.accounts.backends.PortalBackend")
    client.post(changelist, {"action": "approve", "_selected_action": [allocation.pk]})
    assert Allocation.objects.get().status == AllocationStatus.PLANNED  # nobody signs their own
    client.force_login(edu_kunming, backend="apps.accounts.backends.PortalBackend")
    client.post(changelist, {"action": "approve", "_selected_action": [allocation.pk]})

    assert Allocation.objects.get().status == AllocationStatus.APPROVED
