"""Template helpers of the transition area: its chart (apps/core/charts.py), and which pilots
the signed-in user may open."""

from django import template
from django.utils.translation import gettext as _

from apps.core.charts import Chart, Series
from apps.transition.selectors import pilot_visible

register = template.Library()


@register.simple_tag(takes_context=True)
def openable_pilots(context) -> set[str]:
    """``{% openable_pilots as openable %}``: the keys (as in ``transition.by_school``) of the
    pilots the user may open; the dashboard's figures cover a whole county, a school user's
    pages only their school."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.has_perm("transition.view_pilot"):
        return set()
    return {str(pk) for pk in pilot_visible(actor=user).values_list("pk", flat=True)}


@register.simple_tag
def handoff_chart(figures) -> Chart | None:
    """The yearly count of Young Pioneers reaching 14 who joined the League at the pilots in
    scope (``transition.by_year``), one bar a year; None before any count."""
    by_year = (figures or {}).get("by_year") or {}
    if not by_year:
        return None
    years = sorted(by_year)
    values = [by_year[year] for year in years]
    return Chart(
        id="transition-handed-off",
        title=_("Young Pioneers reaching 14 who joined the League at the pilots, by year"),
        summary=_(
            "From %(first)s to %(last)s, %(total)d Young Pioneers reaching 14 joined the "
            "League at the pilot schools; the bars show each year."
        )
        % {"first": years[0], "last": years[-1], "total": sum(values)},
        categories=years,
        category_keys=years,
        series=[
            Series(
                name=_("Joined the League"),
                values=values,
                key="by_year",
                paths=[f"transition.by_year.{year}" for year in years],
            )
        ],
        unit=_("people"),
        category_label=_("Year"),
    )
