"""The micro-wish import of a counselor's school: the template, upload, preview and
confirmation (all or nothing; see apps/pairing/resources.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.exports.import_views import SpreadsheetImportView, SpreadsheetTemplateView
from apps.pairing import rights
from apps.pairing.resources import WishResource


class _CounselorOnly:
    def dispatch(self, request, *args, **kwargs):
        if not rights.may_post_wish(request.user, request.user.school_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class WishImportTemplateView(_CounselorOnly, SpreadsheetTemplateView):
    resource_class = WishResource
    filename = "micro-wishes"
    title = gettext_lazy("Micro-wishes")
    row_name = gettext_lazy("wish")

    def get_notes(self):
        return [
            *super().get_notes(),
            _(
                "A wish names no child: no name, ID number, address, telephone or photo. Write"
                " the card like 某校三年级队员."
            ),
        ]


class WishImportView(_CounselorOnly, SpreadsheetImportView):
    resource_class = WishResource
    template_name = "pairing/wish_import.html"
    import_key = "pairing.wish_import"
    success_url_name = "pairing:wish-list"
