from django.utils.translation import gettext_lazy as _

from apps.core import registry
from apps.core.registry import NavItem, SummaryColumn


class OrganizationsConfig(registry.AreaConfig):
    name = "apps.organizations"
    verbose_name = _("Organizations")
    indicators = "indicators.organization_indicators"
    nav = (
        NavItem("organizations:division-browser", _("Divisions and committees"), 20),
        NavItem("organizations:school-list", _("Schools"), 30),
    )
    summary_title = _("Organizations and committees")
    summary_columns = (
        SummaryColumn("counties", _("Counties"), levels=("prefecture",)),
        SummaryColumn("school_type", _("School type"), "text", levels=("school",), width=16),
        SummaryColumn("schools", _("Schools")),
        SummaryColumn("migrant_children", _("Migrant workers' children schools")),
        SummaryColumn("red_scarf_demonstration", _("Red-scarf demonstration schools")),
        SummaryColumn("transition_pilots", _("Team–league transition pilots")),
        SummaryColumn("drum_corps", _("Schools with a drum-and-bugle corps")),
        SummaryColumn("brigades", _("Brigades")),
        SummaryColumn("squads", _("Squads")),
        SummaryColumn("divisions_due", _("Divisions due a work committee")),
        SummaryColumn("committees", _("Work committees")),
        SummaryColumn("compliant", _("Dual-chair compliant")),
        SummaryColumn("chief_posts", _("County chief counselor posts")),
        SummaryColumn("chief_in_education_bureau", _("Chief counselors in education bureaus")),
        SummaryColumn("chief_in_league_committee", _("Chief counselors in League committees")),
        SummaryColumn("chief_vacant", _("Vacant chief counselor posts")),
        SummaryColumn("chief_heads_section", _("Chief counselors heading a section")),
    )
