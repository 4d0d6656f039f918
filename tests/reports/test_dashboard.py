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
from apps.organizations import demo as organizations_demo
from apps.reports.indicators import DASHBOARD_PANELS


class _IndicatorParser(HTMLParser):
    """Collects ``data-indicator`` figures: the ``data-value``, else a bare-number text.

    Text that is not a bare number ("14/14", a sentence) carries no machine-readable
    figure without a ``data-value`` and is left out (see DASHBOARD_PANELS).
    """

    def __init__(self):
        super().__init__()
        self.found: dict[str, str] = {}
        self._open: list[list] = []  # [key, depth, text parts]

    def handle_starttag(self, tag, attrs):
        for entry in self._open:
            entry[1] += 1
        attrs = dict(attrs)
        if "data-indicator" in attrs:
            if "data-value" in attrs:
                self.found[attrs["data-indicator"]] = attrs["data-value"]
            else:
                self._open.append([attrs["data-indicator"], 1, []])

    def handle_endtag(self, tag):
        for entry in list(self._open):
            entry[1] -= 1
            if entry[1] == 0:
                self._open.remove(entry)
                text = "".join(entry[2]).strip().replace(",", "")
                if re.fullmatch(r"-?\d+(\.\d+)?", text):
                    self.found[entry[0]] = text

    def handle_data(self, data):
        for entry in self._open:
            entry[2].append(data)


def _shown(response) -> dict[str, str]:
    parser = _IndicatorParser()
    parser.feed(response.content.decode())
    return parser.found


def _lookup(figures: dict, dotted: str):
    value = figures
    for part in dotted.split("."):
        value = value[part]
    return value


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


@pytest.mark.parametrize(
    ("username", "scope", "must_show"),
    [
        ("official", "530000", "chief_counselor.by_prefecture.530400.in_education_bureau"),
        ("edu_kunming", "530100", "dual_chair.by_county.530103.compliant"),
        ("edu_wuhua", "530102", "chief_counselor.by_county.530102.host_body"),
        ("counselor", "530102", "dual_chair.by_county.530102.compliant"),
    ],
)
def test_the_dashboard_shows_the_figures_of_the_indicators_command(
    seeded, client, login, username, scope, must_show
):
    login(User.objects.get(username=username))

    response = client.get(reverse("reports:dashboard"), {"year": 2018})

    assert response.status_code == 200
    shown = _shown(response)
    figures = _json(scope, 2018)
    for key in ("divisions.schools", "dual_chair.compliant", "dual_chair.total", must_show):
        assert key in shown
    # Every panel's figures, not only this area's: report all differences at once.
    differences = {
        key: (value, _as_shown(_lookup(figures, key)))
        for key, value in shown.items()
        if value != _as_shown(_lookup(figures, key))
    }
    assert differences == {}


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

    used = [t.name for t in response.templates if t.name in DASHBOARD_PANELS]
    assert list(dict.fromkeys(used)) == DASHBOARD_PANELS
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
    figures = _json("530000", int(response.context["figures"]["year"]))
    assert shown["dual_chair.compliant"] == "146"
    for key, value in shown.items():
        assert value == _as_shown(_lookup(figures, key)), key
    assert not any(".by_" in key for key in shown)
    html = response.content.decode()
    # No person, no single school, no county table on the public page.
    assert "陶晴" not in html
    assert "昆明市第十中学" not in html
    assert "data-prefecture" not in html
