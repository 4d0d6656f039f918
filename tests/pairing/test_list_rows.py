"""The rows of the micro-wish and pairing lists: every cell, escaped, linked to the row's
page; a wish's words only to those who may read them; and as many queries for one row as
for several."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import clock
from apps.pairing import services
from apps.pairing.models import CLAIM_DAYS, Wish
from tests.pairing.conftest import post

MARKUP = '<b>&"心愿'
ESCAPED = "&lt;b&gt;&amp;&quot;心愿"


def _row(html: str, attribute: str, pk: int) -> str:
    start = html.index(f'<tr {attribute}="{pk}">')
    return html[start : html.index("</tr>", start) + len("</tr>")]


def _pair(actor, institution, organization, year: int, **terms):
    return services.pairing_create(
        actor=actor,
        institution=institution,
        organization=organization,
        year=year,
        started_on=datetime.date(year, 1, 5),
        **terms,
    )


def _queries(client, url: str) -> int:
    client.get(url)  # the first visit fills what a process keeps
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_wish_row_shows_its_cells_escaped_to_who_may_read_it(
    login, counselor, brigade, league_kunming, edu_kunming, university
):
    wish = post(counselor, brigade, text=MARKUP)
    cleared = post(counselor, brigade)
    Wish.objects.filter(pk=cleared.pk).update(text="")  # as the purge after confirmation
    claimed = post(counselor, brigade)
    services.wish_claim(actor=league_kunming, wish=claimed, institution=university)
    long_ago = clock.today() - datetime.timedelta(days=CLAIM_DAYS + 1)
    Wish.objects.filter(pk=claimed.pk).update(claimed_on=long_ago)

    html = login(counselor).get(reverse("pairing:wish-list")).content.decode()
    row = _row(html, "data-wish", wish.pk)
    detail = reverse("pairing:wish-detail", args=[wish.pk])
    assert f'<th scope="row"><a href="{detail}">{ESCAPED}</a></th>' in row
    assert MARKUP not in html
    assert '<td data-label="学校">五华区红旗小学<br><span class="help">五华区</span></td>' in row
    assert '<td data-label="类别">文艺用品</td>' in row
    assert '<td class="num" data-label="价值">45.00 元</td>' in row
    assert '<span class="badge badge-muted" data-status="open">' in row
    assert "data-overdue" not in row
    assert ">（心愿内容已按规定清除）</a>" in _row(html, "data-wish", cleared.pk)
    overdue = _row(html, "data-wish", claimed.pk)
    assert '<span class="badge badge-bad" data-status="claimed">' in overdue
    assert '<span class="badge badge-bad" data-overdue>认领超期</span>' in overdue

    # Above the school, education staff see that a wish exists, never its words.
    html = login(edu_kunming).get(reverse("pairing:wish-list")).content.decode()
    row = _row(html, "data-wish", wish.pk)
    assert f'<a href="{detail}">微心愿 #{wish.pk}</a>' in row
    assert ESCAPED not in html and MARKUP not in html


def test_a_pairing_row_shows_its_cells_escaped(login, league_province, brigade, university):
    university.name = MARKUP
    university.save(update_fields=["name"])
    squad = brigade.squads.first()
    by_brigade = _pair(league_province, university, brigade, 2026)
    by_squad = _pair(league_province, university, squad, 2025, campaign="")

    html = login(league_province).get(reverse("pairing:pairing-list")).content.decode()
    row = _row(html, "data-pairing", by_brigade.pk)
    detail = reverse("pairing:pairing-detail", args=[by_brigade.pk])
    assert f'<th scope="row"><a href="{detail}">{ESCAPED}</a></th>' in row
    assert MARKUP not in html
    assert f'<td data-label="少先队组织">五华区红旗小学{brigade.name}</td>' in row
    assert '<td data-label="县（市、区）">五华区</td>' in row
    assert f'<td data-label="年度">2026 “{by_brigade.campaign}”</td>' in row
    row = _row(html, "data-pairing", by_squad.pk)
    assert f"五华区红旗小学{squad.name}</td>" in row
    assert '<td data-label="年度">2025</td>' in row


def test_the_lists_query_as_much_for_one_row_as_for_several(
    login, counselor, brigade, league_province, university
):
    client = login(league_province)
    post(counselor, brigade)
    _pair(league_province, university, brigade, 2020)
    wishes = _queries(client, reverse("pairing:wish-list"))
    pairings = _queries(client, reverse("pairing:pairing-list"))
    for year in range(2021, 2025):
        post(counselor, brigade)
        _pair(league_province, university, brigade, year)
    assert _queries(client, reverse("pairing:wish-list")) == wishes
    assert _queries(client, reverse("pairing:pairing-list")) == pairings
