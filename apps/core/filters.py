"""Filter pieces every list shares."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _


class YesNoFilter(django_filters.BooleanFilter):
    """A yes/no filter whose empty choice reads 不限 ("any"), not django-filter's 未知."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])
        )
        super().__init__(*args, **kwargs)
