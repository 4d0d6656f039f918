"""The program and allocation lists' rows (written in Python by the funding template tags):
every cell escaped, a link to the row's page, its status label, and a page's queries the
same for one row as for many."""

from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from apps.funding.choices import AllocationStatus, ProgramStatus, Target
from tests.factories import SchoolFactory, division
from tests.funding.conftest import make_program
from tests.funding.helpers import allocation_at

MARKUP = "<b>&\"'x"


def _label(choice) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return escape(str(choice.label))


def test_a_program_row_shows_its_cells_escaped_and_links_to_the_program(login, league_province):
    program = make_program(league_province, name=f"{MARKUP}专项")

    page = login(league_province).get(reverse("funding:program-list")).content.decode()

    detail = reverse("funding:program-detail", args=[program.pk])
    assert f'<th scope="row"><a href="{detail}">{escape(MARKUP)}专项</a></th>' in page
    assert MARKUP not in page
    assert f">{escape(league_province.division.name)}</td>" in page
    assert f">{_label(Target.MIGRANT_CHILDREN)}</td>" in page
    assert "100,000.00 元" in page and 'data-allocated="0.00"' in page
    assert f'data-status="open">{_label(ProgramStatus.OPEN)}</span>' in page


def test_the_program_list_queries_the_same_for_one_row_and_many(login, league_province):
    make_program(league_province)
    client = login(league_province)
    url = reverse("funding:program-list")
    client.get(url)  # fills the process's caches (content types, permissions)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in range(2010, 2016):
        make_program(league_province, year=year)
    with CaptureQueriesContext(connection) as several:
        response = client.get(url)

    assert len(response.context["page"]) == 7
    assert len(several) == len(one)


def test_an_allocation_row_shows_its_cells_escaped_and_links_to_the_allocation(
    login, program, edu_province, league_province, divisions
):
    school = SchoolFactory(
        name=f"{MARKUP}学校", county=division("530102"), is_migrant_children_school=True
    )
    allocation = allocation_at(
        AllocationStatus.DISBURSED,
        program=program,
        recipient=school,
        amount="1234.50",
        author=edu_province,
        approvers=[league_province],
    )

    page = login(league_province).get(reverse("funding:allocation-list")).content.decode()

    detail = reverse("funding:allocation-detail", args=[allocation.pk])
    assert f'<th scope="row"><a href="{detail}">{escape(MARKUP)}学校</a></th>' in page
    assert MARKUP not in page
    assert f">{escape(division('530102').name)}</td>" in page
    assert f">2017 {escape(program.name)}</td>" in page
    assert 'data-amount="1234.50"' in page and "1,234.50 元" in page
    assert (
        f'<span class="badge badge-ok" data-status="disbursed">'
        f"{_label(AllocationStatus.DISBURSED)}</span>"
    ) in page


def test_an_allocation_to_a_committee_names_the_committee_and_its_county(
    login, league_province, edu_province, county_committee
):
    county_committee.name = f"{MARKUP}少工委"
    county_committee.save()
    fund = make_program(league_province, name="县级少工委专项", target=Target.COMMITTEES)
    allocation_at(
        AllocationStatus.PLANNED,
        program=fund,
        recipient=county_committee,
        amount="10.00",
        author=edu_province,
    )

    page = login(league_province).get(reverse("funding:allocation-list")).content.decode()

    assert f">{escape(MARKUP)}少工委</a></th>" in page
    assert f">{escape(county_committee.division.name)}</td>" in page
    assert (
        f'<span class="badge badge-muted" data-status="planned">'
        f"{_label(AllocationStatus.PLANNED)}</span>"
    ) in page


def test_the_allocation_list_queries_the_same_for_one_row_and_many(
    login, program, edu_province, league_province, county_committee, divisions
):
    def allocate(recipient):
        allocation_at(
            AllocationStatus.PLANNED,
            program=program if recipient is not county_committee else committees_fund,
            recipient=recipient,
            amount=Decimal("1.00"),
            author=edu_province,
        )

    committees_fund = make_program(league_province, name="少工委专项", target=Target.COMMITTEES)
    school = SchoolFactory(county=division("530102"), is_migrant_children_school=True)
    allocate(school)
    client = login(league_province)
    url = reverse("funding:allocation-list")
    client.get(url)  # fills the process's caches (content types, permissions)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for recipient in (school, county_committee, school, county_committee):
        allocate(recipient)
    with CaptureQueriesContext(connection) as several:
        response = client.get(url)

    assert len(response.context["page"]) == 5
    assert len(several) == len(one)
