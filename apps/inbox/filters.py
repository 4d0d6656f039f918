"""Filter of the inbox."""

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.inbox.models import Notification


class NotificationFilter(django_filters.FilterSet):
    unread = django_filters.BooleanFilter(
        field_name="read_at",
        lookup_expr="isnull",
        label=_("Unread only"),
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Notification
        fields = ["unread"]
