"""Indicators, computed live from the data for a scope and a year.

Each area contributes a provider (``AreaConfig.indicators``): a function
``(*, scope, as_of) -> dict`` whose keys are merged into the result. The management command
``indicators``, the dashboard and the Excel summary all read this one function, so their
figures agree.
"""

import datetime

from django.conf import settings
from django.db import router
from django.utils import timezone, translation

from apps.core import freshness, registry
from apps.organizations.models import Division

# Each area names its provider and its dashboard panel in its AreaConfig. A panel is a
# template given the same ``indicators`` dict, so an area adds its panel without touching the
# others'. A figure is marked up as data-indicator="<dotted key into compute()>"
# data-value="<raw value>" (the text may then be formatted, e.g. 1,418; a ratio is two
# elements, "<span ...>14</span>/<span ...>14</span>"); tests/reports/test_dashboard.py
# compares every such value with the command's and refuses a data-indicator element without
# a data-value.


def as_of_date(year: int) -> datetime.date:
    """The day a year's figures describe: its last day, or today while the year runs."""
    return min(datetime.date(year, 12, 31), timezone.localdate())


def province_division() -> Division:
    return Division.objects.get(code=f"{settings.PORTAL_PROVINCE_CODE}0000")


def scope_division_for(actor) -> Division:
    """The division whose subtree an actor's figures cover (a school user: its county)."""
    code = actor.scope_code
    return Division.objects.get(code=code) if code else province_division()


def compute(*, scope: Division, year: int) -> dict:
    """All indicator figures for ``scope``'s subtree in ``year``: computed once, then kept
    until a write touches what they are computed from (``apps.core.freshness``)."""
    as_of = as_of_date(year)
    key = f"indicators:{scope.code}:{year}:{as_of}:{translation.get_language()}"
    using = router.db_for_read(Division)
    return freshness.cached(key, lambda: _computed(scope, year), using=using)


def _computed(scope: Division, year: int) -> dict:
    result = {
        "scope": {"code": scope.code, "name": scope.name, "level": scope.level},
        "year": year,
        "as_of": as_of_date(year).isoformat(),
    }
    for provider in registry.indicator_providers():
        result.update(provider(scope=scope, as_of=as_of_date(year)))
    return result


def public_figures() -> dict | None:
    """Province-wide aggregates for the public home page (None before divisions are loaded)."""
    try:
        scope = province_division()
    except Division.DoesNotExist:
        return None
    return compute(scope=scope, year=timezone.localdate().year)
