"""Keyset pagination: every row once, in order, at the same cost on every page."""

import base64
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.core.pagination import LAST, KeysetPaginator
from apps.organizations.models import School
from tests.factories.organizations import schools_in

pytestmark = pytest.mark.django_db

ORDER = ("county_id", "name", "id")


@pytest.fixture
def schools(divisions):
    # Two counties, names interleaved, so the order needs all three keys.
    return schools_in("530103", 12) + schools_in("530102", 11) + schools_in("530102", 2, "甲")


def paginate(per_page=5, ordering=ORDER):
    return KeysetPaginator(School.objects.all(), per_page=per_page, ordering=ordering)


def walk_forward(paginator):
    page = paginator.page(None)
    pages = [page]
    while page.has_next:
        page = paginator.page(page.next_cursor)
        pages.append(page)
    return pages


def expected(ordering=ORDER):
    return list(School.objects.order_by(*ordering).values_list("pk", flat=True))


def test_walking_forward_visits_every_row_once_in_order(schools):
    pages = walk_forward(paginate())

    assert [s.pk for page in pages for s in page] == expected()
    assert [len(page) for page in pages] == [5, 5, 5, 5, 5]
    assert pages[0].has_previous is False
    assert pages[-1].has_next is False
    assert all(page.count == 25 for page in pages)


def test_walking_back_from_the_last_page_visits_every_row_once(schools):
    paginator = paginate(per_page=4)
    page = paginator.page(LAST)
    pages = [page]
    while page.has_previous:
        page = paginator.page(page.previous_cursor)
        pages.append(page)

    rows = [s.pk for page in reversed(pages) for s in page]
    # 25 rows in pages of 4 from the end: the first page back is a full first page, so
    # its rows overlap the next page rather than leaving a short page of one.
    assert list(dict.fromkeys(rows)) == expected()
    assert pages[-1].has_previous is False
    assert len(pages[-1]) == 4


def test_the_last_page_holds_the_last_rows(schools):
    page = paginate(per_page=10).page(LAST)

    assert [s.pk for s in page] == expected()[-10:]
    assert page.has_next is False
    assert page.has_previous is True


def test_previous_from_the_second_page_is_the_first_page(schools):
    paginator = paginate()
    second = paginator.page(paginator.page(None).next_cursor)

    back = paginator.page(second.previous_cursor)

    assert [s.pk for s in back] == expected()[:5]
    assert back.has_previous is False


def test_a_short_list_is_one_page(divisions):
    schools_in("530102", 3)

    page = paginate().page(None)

    assert len(page) == 3
    assert not page.has_other_pages


def test_an_empty_list_is_one_empty_page(divisions):
    page = paginate().page(LAST)

    assert list(page) == []
    assert page.count == 0
    assert not page.has_other_pages


def test_mixed_directions_are_paged_in_that_order(schools):
    ordering = ("county_id", "-name", "id")

    pages = walk_forward(paginate(per_page=7, ordering=ordering))

    assert [s.pk for page in pages for s in page] == expected(ordering)


def test_a_deep_page_costs_the_same_queries_as_the_first(schools):
    paginator = paginate(per_page=3)
    with CaptureQueriesContext(connection) as first:
        paginator.page(None)
    deep = walk_forward(paginator)[-2]
    with CaptureQueriesContext(connection) as deeper:
        paginator.page(deep.next_cursor)

    assert len(deeper) == len(first) == 2  # the count and the page
    # The page is found by a row comparison, not by an OFFSET
    page_sql = deeper.captured_queries[-1]["sql"]
    assert "OFFSET" not in page_sql.upper()
    assert '("organizations_school"."county_id", "organizations_school"."name", ' in page_sql


def _cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "%%%",
        "",
        "x" * 5000,
        _cursor({"a": 1}),
        _cursor(["a", ["530102", "学校"]]),  # one value short
        _cursor(["z", ["530102", "学校0001", 1]]),  # unknown direction
        _cursor(["a", ["530102", "学校0001", "one"]]),  # not an id
        _cursor(["a", ["530102", "学校0001", 10**30]]),  # beyond bigint
        _cursor(["a", ["5301020", "学校0001", 1]]),  # longer than a code
        _cursor(["a", ["530102", "学\x00校", 1]]),  # NUL, which PostgreSQL refuses
        _cursor(["a", [None, "学校0001", 1]]),
        _cursor(["b", [["530102"], {"x": 1}, 1]]),
        _cursor("a"),
    ],
)
def test_an_unreadable_cursor_gives_the_first_page(schools, cursor):
    page = paginate().page(cursor)

    assert [s.pk for s in page] == expected()[:5]


def test_a_cursor_past_the_end_gives_the_last_page(schools):
    cursor = _cursor(["a", ["999999", "zzz", 2**40]])

    page = paginate().page(cursor)

    assert [s.pk for s in page] == expected()[-5:]


def test_it_refuses_an_ordering_that_is_not_unique_or_may_be_null(divisions):
    with pytest.raises(ImproperlyConfigured, match="unique"):
        paginate(ordering=("county_id", "name"))
    with pytest.raises(ImproperlyConfigured, match="county_id"):
        paginate(ordering=("county", "id"))  # the related model's ordering, not the key
    with pytest.raises(ImproperlyConfigured, match="NULL"):
        KeysetPaginator(
            School.objects.filter(county__parent__isnull=False),
            per_page=5,
            ordering=("county__parent_id", "id"),
        )
    with pytest.raises(ImproperlyConfigured, match="Unknown"):
        paginate(ordering=("no_such_field", "id"))
