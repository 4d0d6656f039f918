"""Filters of the counselor list; every choice is limited to the actor's scope."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.filters import NamedChoiceFilter
from apps.counselors.choices import CounselorPost, TeacherTitle
from apps.counselors.models import RANKED_AT_LEAST_MIDDLE, Counselor
from apps.organizations.filters import county_choices
from apps.organizations.models import School


class CounselorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_name", label=_("Full name"))
    county = django_filters.ChoiceFilter(label=_("County"), empty_label=_("All counties"))
    school = NamedChoiceFilter(
        queryset=School.objects.none(),
        label=_("School"),
        empty_label=_("All schools"),
    )
    post = django_filters.ChoiceFilter(
        choices=CounselorPost.choices, label=_("Post"), empty_label=_("All posts")
    )
    teacher_title = django_filters.ChoiceFilter(
        choices=TeacherTitle.choices, label=_("Teacher title"), empty_label=_("All titles")
    )
    ranked = django_filters.ChoiceFilter(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        method="filter_ranked",
        label=_("Ranked at least as middle management"),
        empty_label=_("All"),
    )

    class Meta:
        model = Counselor
        fields = ["q", "county", "school", "post", "teacher_title", "ranked"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices outside the actor's scope are not offered and are refused when forged.
        # Kept until a write, as on the school list: every visit validates its county.
        self.filters["county"].extra["choices"] = county_choices(actor)
        schools = School.objects.for_actor(actor).only("id", "name", "county_id")
        county = (self.data or {}).get("county")
        if county:
            schools = schools.filter(county_id=county)
        elif not (actor.school_id or len(actor.scope_prefix or "") == 6):
            # A prefecture or the province has thousands of schools: pick a county first.
            schools = schools.none()
            self.filters["school"].extra["help_text"] = _("Choose a county first.")
        self.filters["school"].queryset = schools

    def filter_name(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value)) if value else queryset

    def filter_ranked(self, queryset, name, value):
        condition = Q(post_rank__in=RANKED_AT_LEAST_MIDDLE)
        if value == "yes":
            return queryset.filter(condition)
        if value == "no":
            return queryset.exclude(condition)
        return queryset
