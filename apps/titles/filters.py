import django_filters
from django.utils.translation import gettext_lazy as _

from apps.titles.choices import Track
from apps.titles.models import TitleApplication


class TitleApplicationQueueFilter(django_filters.FilterSet):
    """Filters of the reviewers' queue: track and review year."""

    track = django_filters.ChoiceFilter(
        label=_("Track"), choices=Track.choices, empty_label=_("All tracks")
    )
    year = django_filters.NumberFilter(label=_("Review year"), min_value=2013)

    class Meta:
        model = TitleApplication
        fields = ["track", "year"]
