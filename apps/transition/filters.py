"""The filter of the pilot list; prefecture choices are limited to what the actor sees."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.transition.models import Pilot


class PilotFilter(django_filters.FilterSet):
    school = django_filters.CharFilter(
        field_name="school__name", lookup_expr="icontains", label=_("School")
    )
    prefecture = django_filters.ModelChoiceFilter(
        queryset=Division.objects.none(),
        method="in_prefecture",
        label=_("Prefecture"),
        empty_label=_("All prefectures"),
    )

    class Meta:
        model = Pilot
        fields = ["school", "prefecture"]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["prefecture"].queryset = (
            Division.objects.for_actor(actor)
            .filter(level=DivisionLevel.PREFECTURE)
            .order_by("code")
        )

    def in_prefecture(self, queryset, name, value):
        return queryset.filter(school__county__parent=value) if value else queryset
