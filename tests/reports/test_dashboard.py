"""The dashboard and the public home show the figures of ``indicators --json``."""

import io
import json
import random
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.core.registry import dashboard_panels
from apps.inspections.choices import CircularKind
from apps.inspections.services import circular_publish
from apps.organizations import demo as organizations_demo
from tests.factories import SchoolFactory
from tests.factories.inspections import CircularFactory


class _IndicatorParser(HTMLParser):
    """Collects every ``data-indicator`` element as (key, ``data-value``).

    The text of a figure may be formatted ("1,418", "14/14", a sentence), so the raw value
    must be in ``data-value``; an element without one is listed in ``unvalued``.
    """

    def __init__(self):
        super().__init__()
        self.marked: list[tuple[str, str]] = []
        self.unvalued: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-indicator" not in attrs:
            return
        if "data-value" in attrs:
            self.marked.append((attrs["data-indicator"], attrs["data-value"] or ""))
        else:
            self.unvalued.append(attrs["data-indicator"])


def _marked(response) -> list[tuple[str, str]]:
    """Every (key, value) a page marks up; fails when a figure carries no ``data-value``."""
    parser = _IndicatorParser()
    parser.feed(response.content.decode())
    assert parser.unvalued == [], f"data-indicator without data-value: {parser.unvalued}"
    return parser.marked


def _shown(response) -> dict[str, str]:
    """The marked-up figures by key (a key shown twice must show one value)."""
    shown: dict[str, str] = {}
    for key, value in _marked(response):
        assert shown.setdefault(key, value) == value, f"{key} shown as {shown[key]} and {value}"
    return shown


def _lookup(figures: dict, dotted: str):
    value = figures
    for part in dotted.split("."):
        value = value[part]
    return value


def _has(figures: dict, dotted: str) -> bool:
    try:
        _lookup(figures, dotted)
    except (KeyError, TypeError):
        return False
    return True


def _as_shown(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _json(scope: str, year: int) -> dict:
    out = io.StringIO()
    call_command("indicators", "--year", str(year), "--scope", scope, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def seeded(divisions):
    # The organization tree and the demo accounts are all these figures need.
    rng = random.Random(2018)
    for seed in (organizations_demo.seed, accounts_demo.seed):
        seed(rng=rng, stdout=io.StringIO())


@pytest.fixture
def demo(divisions):
    # Every area's demo data, so that every panel has figures other than zero to compare.
    call_command("seed_demo", stdout=io.StringIO())


# (persona, the scope of their figures, a figure only a dashboard of that level shows)
PERSONAS = [
    ("official", "530000", "chief_counselor.by_prefecture.530400.in_education_bureau"),
    ("edu_kunming", "530100", "dual_chair.by_county.530103.compliant"),
    ("edu_wuhua", "530102", "chief_counselor.by_county.530102.host_body"),
]
# (A user scoped to one school sees its own facts instead: tests/reports/test_school_dashboard.py.)
# Figures on every dashboard, from every panel: a panel that stops marking one up fails.
ON_EVERY_DASHBOARD = (
    "as_of",
    "divisions.schools",
    "dual_chair.compliant",
    "dual_chair.total",
    "titles.by_track.subject.submitted",
    "titles.by_track.yp_activities.approved",
    "counselors.total",
    "counselors.brigade_posts.filled",
    "counselors.brigade_posts.ranked_middle_management",
    "counselors.brigade_posts.schools",
    "inspections.campaigns",
    "inspections.counties_inspected",
    "inspections.counties",
    "inspections.reports.submitted",
    "rectification.open",
    "rectification.overdue",
    "rectification.closed",
)
PANEL_PREFIXES = ("divisions.", "titles.", "counselors.", "training.", "inspections.")
# 2013: no training plan covers it; 2017 and 2018: the source document's rounds.
YEARS = (2013, 2017, 2018)


def test_every_figure_on_the_dashboard_is_the_indicators_commands(demo, client, login):
    differences: dict[tuple[str, int, str], tuple[str, str]] = {}
    missing: dict[tuple[str, int], list[str]] = {}
    not_zero: set[str] = set()
    for username, scope, level_figure in PERSONAS:
        login(User.objects.get(username=username))
        for year in YEARS:
            # when the persona opens the dashboard for the year
            response = client.get(reverse("reports:dashboard"), {"year": year})

            # then every data-indicator on it is the command's figure for the same scope
            assert response.status_code == 200
            marked = _marked(response)
            figures = _json(scope, year)
            shown = dict(marked)
            expected_keys = (*ON_EVERY_DASHBOARD, level_figure)
            if year == 2013:
                expected_keys += ("training.plan",)
            else:
                expected_keys += ("training.face_to_face_trained", "training.plan.target_total")
            if absent := [key for key in expected_keys if key not in shown]:
                missing[(username, year)] = absent
            for key, value in marked:
                expected = _as_shown(_lookup(figures, key)) if _has(figures, key) else "<none>"
                if value != expected:
                    differences[(username, year, key)] = (value, expected)
                if value not in ("", "0", "false"):
                    not_zero.add(key)
    # Report every difference at once, for every persona and year.
    assert missing == {}
    assert differences == {}
    # The comparison means something: every panel showed figures other than zero.
    assert [p for p in PANEL_PREFIXES if not any(k.startswith(p) for k in not_zero)] == []
    assert {"rectification.open", "inspections.prefectures_inspected"} <= not_zero


def test_the_province_dashboard_reads_the_source_figures(seeded, client, login):
    login(User.objects.get(username="admin"))

    shown = _shown(client.get(reverse("reports:dashboard"), {"year": 2018}))

    assert shown["dual_chair.compliant"] == shown["dual_chair.total"] == "146"
    assert shown["divisions.prefectures"] == "16"
    assert shown["chief_counselor.by_prefecture.530100.in_education_bureau"] == "14"
    assert shown["schools.red_scarf_demonstration"] == "20"
    assert shown["schools.drum_corps"] == "100"


def test_the_year_selector_changes_the_figures(seeded, client, login):
    login(User.objects.get(username="official"))
    url = reverse("reports:dashboard")

    before = _shown(client.get(url, {"year": 2010}))
    demo_year = _shown(client.get(url, {"year": 2018}))

    # Dual chairs were rolled out from 2009 on: fewer compliant committees in 2010.
    assert int(before["dual_chair.compliant"]) < int(demo_year["dual_chair.compliant"])
    assert before["as_of"] == "2010-12-31"
    response = client.get(url, {"year": "not-a-year"})
    assert response.context["year"] == response.context["years"][0]
    assert client.get(url, {"year": 1990}).context["year"] == 2009


def test_it_includes_every_dashboard_panel_in_order(seeded, client, login):
    login(User.objects.get(username="edu_province"))

    response = client.get(reverse("reports:dashboard"))

    panels = dashboard_panels()
    used = [t.name for t in response.templates if t.name in panels]
    assert list(dict.fromkeys(used)) == panels
    assert 'data-panel="organizations"' in response.content.decode()


def test_the_dashboard_query_count_does_not_grow_with_the_data(client, login, edu_province):
    login(edu_province)
    url = reverse("reports:dashboard")
    with CaptureQueriesContext(connection) as empty:
        assert client.get(url, {"year": 2018}).status_code == 200

    organizations_demo.seed(rng=random.Random(2018), stdout=io.StringIO())
    with CaptureQueriesContext(connection) as full:
        response = client.get(url, {"year": 2018})

    assert response.status_code == 200
    assert _shown(response)["divisions.schools"] != "0"
    assert len(full) == len(empty)


def test_the_dashboard_asks_a_signed_out_visitor_to_sign_in(client):
    response = client.get(reverse("reports:dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_the_public_home_shows_aggregates_only(seeded, client):
    response = client.get(reverse("core:home"))

    assert response.status_code == 200
    shown = _shown(response)
    (public,) = [
        s["data"]
        for s in response.context["sections"]
        if s["template"] == "reports/_public_figures.html"
    ]
    figures = _json("530000", int(public["year"]))
    assert shown["dual_chair.compliant"] == "146"
    for key, value in shown.items():
        assert value == _as_shown(_lookup(figures, key)), key
    # Prefecture breakdowns (the charts' tables) at most: no county or school figure.
    assert not any(".by_county" in key or ".by_school" in key for key in shown)
    assert any(".by_prefecture." in key for key in shown)
    html = response.content.decode()
    # No person, no single school, no county table on the public page.
    assert "陶晴" not in html
    assert "昆明市第十中学" not in html
    assert "data-prefecture" not in html


def test_the_public_home_links_to_the_published_circulars_and_lists_none(divisions, client):
    # given a published circular of praise naming a school
    circular = CircularFactory(kind=CircularKind.PRAISE, title="关于表扬五华区红旗小学的通报")
    circular.named_schools.add(SchoolFactory(name="五华区红旗小学"))
    circular_publish(actor=circular.created_by, circular=circular)

    # when a visitor opens the home page
    response = client.get(reverse("core:home"))

    # then it links to the public list of circulars, which a visitor may open
    html = response.content.decode()
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*data-link="public-circulars"', html)
    assert links and set(links) == {reverse("inspections:public-circular-list")}
    listed = client.get(links[0])
    assert listed.status_code == 200
    assert [c.pk for c in listed.context["page"]] == [circular.pk]
    # and the home page itself stays aggregate: no circular, no school named
    assert circular.title not in html
    assert "五华区红旗小学" not in html
