"""A user scoped to one school (a counselor, a school's reviewer of title applications) sees
their school's own facts on the dashboard, never the county's indicators, which the summary
workbook refuses them too; a county user's dashboard keeps the county's indicators."""

import re

from django.urls import reverse

from apps.accounts.models import User
from tests.reports.school_facts import expected_facts

FACT = re.compile(r'data-fact="([^"]+)" data-value="([^"]*)"')
# The README's accounts scoped to one school: the counselor, the school's reviewer, and the
# schools of the funding, pairing and transition journeys.
SCHOOL_ACCOUNTS = ("counselor", "edu_school", "fund_school", "pair_school", "pilot_school")
# 2017 and 2018: the source document's rounds, with work in every area.
YEARS = (2017, 2018)


def _facts(html: str) -> dict[str, str]:
    found = FACT.findall(html)
    facts = dict(found)
    assert len(facts) == len(found), "a fact shown twice"
    return facts


def test_a_school_user_sees_the_schools_own_facts_and_no_county_figure(demo_data, db, client):
    not_zero = set()
    for username in SCHOOL_ACCOUNTS:
        user = User.objects.get(username=username)
        client.force_login(user)
        for year in YEARS:
            # when the school's user opens the dashboard for the year
            response = client.get(reverse("reports:dashboard"), {"year": year})
            html = response.content.decode()

            # then it is the school's: its name in the heading, its facts counted from the
            # tables, nothing else
            assert response.status_code == 200
            heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
            assert heading.strip().endswith(f"· {user.school.name}"), heading
            assert _facts(html) == expected_facts(user.school, year), (username, year)
            not_zero |= {
                key for key, value in _facts(html).items() if value not in ("0", "0.00", "空缺")
            }
            # and no county-wide indicator, chart or panel is there, nor the summary workbook
            assert "data-indicator" not in html, username
            assert "data-chart" not in html, username
            assert "summary-xlsx" not in html, username
    # The comparison means something: every area showed a figure other than zero somewhere.
    areas = {key.split(".")[0] for key in not_zero}
    assert areas == {
        "organizations",
        "counselors",
        "training",
        "titles",
        "funding",
        "pairing",
        "commendations",
        "transition",
        "inspections",
    }


def test_a_school_users_facts_link_only_to_pages_they_may_open(demo_data, db, client):
    followed = 0
    for username in SCHOOL_ACCOUNTS:
        client.force_login(User.objects.get(username=username))
        html = client.get(reverse("reports:dashboard"), {"year": 2018}).content.decode()

        links = re.findall(r'<dd data-fact="[^"]+" data-value="[^"]*"><a href="([^"]+)"', html)
        for url in set(links):
            assert client.get(url).status_code == 200, (username, url)
            followed += 1
    assert followed


def test_a_county_user_still_sees_the_county_indicators(demo_data, db, client):
    client.force_login(User.objects.get(username="edu_wuhua"))

    html = client.get(reverse("reports:dashboard"), {"year": 2018}).content.decode()

    assert 'data-indicator="dual_chair.by_county.530102.compliant"' in html
    assert "data-chart" in html
    assert "data-fact=" not in html
