"""What the pairing area shows on the public home page (``AreaConfig.public_sections``):
the province's totals of the latest finished year with pairings (this year's while none
has finished), counts only: no row per county, so no small count about children."""

from __future__ import annotations

import datetime

from django.conf import settings

from apps.core import clock
from apps.organizations.models import Division
from apps.pairing.indicators import pairing_indicators
from apps.pairing.models import Pairing

PUBLIC_KEYS = (
    "institutions",
    "universities",
    "organizations_covered",
    "wishes_fulfilled",
    "children_helped",
)


def pairing_figures() -> dict | None:
    years = Pairing.objects.order_by("-year").values_list("year", flat=True).distinct()
    finished = [year for year in years[:5] if year < clock.today().year]
    year = finished[0] if finished else years.first()
    province = Division.objects.filter(code=f"{settings.PORTAL_PROVINCE_CODE}0000").first()
    if year is None or province is None:
        return None
    figures = pairing_indicators(scope=province, as_of=datetime.date(year, 12, 31))["pairing"]
    return {"year": year, **{key: figures[key] for key in PUBLIC_KEYS}}
