"""Filters of the course list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.training.choices import CourseCategory, CourseMode
from apps.training.models import Course, TrainingPlan


class CourseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Name"))
    plan = django_filters.ModelChoiceFilter(
        queryset=TrainingPlan.objects.all(), label=_("Plan"), empty_label=_("All plans")
    )
    category = django_filters.ChoiceFilter(
        choices=CourseCategory.choices, label=_("Category"), empty_label=_("All categories")
    )
    mode = django_filters.ChoiceFilter(
        choices=CourseMode.choices, label=_("Mode"), empty_label=_("All modes")
    )
    year = django_filters.NumberFilter(field_name="start_date", lookup_expr="year", label=_("Year"))

    class Meta:
        model = Course
        fields = ["q", "plan", "category", "mode", "year"]
