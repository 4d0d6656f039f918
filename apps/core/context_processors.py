"""Navigation entries shown in the base layout, by the signed-in user's role."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.access import url_allowed

# (URL name, label). An entry is shown only when its access rule allows the user.
NAV_ITEMS = [
    ("reports:dashboard", _("Dashboard")),
    ("organizations:division-browser", _("Divisions and committees")),
    ("organizations:school-list", _("Schools")),
    ("titles:application-list", _("My title applications")),
    ("titles:review-queue", _("Title reviews")),
    ("counselors:counselor-me", _("My record")),
    ("counselors:counselor-list", _("Counselors")),
    ("training:plan-list", _("Training")),
    ("inspections:campaign-list", _("Joint inspections")),
    # Shown to whoever may export (the job list's rule): long exports wait there.
    ("exports:job-list", _("My exports")),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"url": reverse(name), "label": label, "name": name}
        for name, label in NAV_ITEMS
        if url_allowed(user, name)
    ]
    return {"nav_items": items}
