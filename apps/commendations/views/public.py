"""Public pages: the open 公示 with its objection form, the final lists (表彰决定) with their
xlsx, and the certificate check. Signed out; nominees marked ``data-nominee``, the office
contact ``data-office-contact``; a child only once the guardian's consent is recorded; no
objector's data anywhere."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from apps.commendations import selectors, services
from apps.commendations.forms import ObjectionForm
from apps.commendations.models import Nomination, PublicNotice, Round
from apps.core.forms import apply_service_errors
from apps.exports.choices import CONTENT_TYPES, ExportFormat
from apps.exports.writers import Column, write_xlsx


def _notice(pk) -> PublicNotice:
    try:
        return selectors.public_notice_get(pk)
    except PublicNotice.DoesNotExist as exc:
        raise Http404 from exc


class PublicNoticeListView(TemplateView):
    template_name = "commendations/public_notice_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(notices=selectors.public_notices(), **kwargs)


class PublicNoticeDetailView(TemplateView):
    template_name = "commendations/public_notice_detail.html"

    def get_context_data(self, **kwargs):
        notice = _notice(self.kwargs["pk"])
        return super().get_context_data(
            notice=notice,
            round=notice.round,
            nominees=selectors.notice_nominees(notice),
            is_open=selectors.notice_open(notice),
            **kwargs,
        )


class ObjectionCreateView(FormView):
    """The objection form of an open 公示 (closed once the period ends)."""

    form_class = ObjectionForm
    template_name = "commendations/objection_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.notice = _notice(kwargs["pk"])
        self.nominees = [n for n in selectors.notice_nominees(self.notice) if n.shown_publicly]
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nominees": self.nominees}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            notice=self.notice, is_open=selectors.notice_open(self.notice), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        nomination = next((n for n in self.nominees if str(n.pk) == data["nomination"]), None)
        try:
            if nomination is None:
                raise ValidationError({"nomination": _("Choose a nominee of this notice.")})
            services.objection_submit(
                notice=self.notice,
                **{**data, "nomination": nomination},
                address=self.request.META.get("REMOTE_ADDR", ""),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your objection is received; it will be checked within ten working days."),
        )
        return redirect(reverse("commendations:public-notice-detail", args=[self.notice.pk]))


def _decision(pk) -> Round:
    try:
        return selectors.public_decisions().get(pk=pk)
    except Round.DoesNotExist as exc:
        raise Http404 from exc


class PublicDecisionListView(TemplateView):
    template_name = "commendations/public_decision_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(decisions=selectors.public_decisions(), **kwargs)


class PublicDecisionDetailView(TemplateView):
    template_name = "commendations/public_decision_detail.html"

    def get_context_data(self, **kwargs):
        round_ = _decision(self.kwargs["pk"])
        return super().get_context_data(round=round_, awards=selectors.awarded(round_), **kwargs)


def _list_rows(round_: Round):
    for award in selectors.awarded(round_):
        shown = award.shown_publicly
        yield (
            award.serial,
            award.category.name,
            award.nominee_name if shown else _("(name withheld)"),
            award.nominee_unit,
            award.prefecture.name,
        )


class PublicDecisionXlsxView(TemplateView):
    """The final list as xlsx, through the exports writer (every text cell escaped against
    formula injection)."""

    def get(self, request, pk):
        round_ = _decision(pk)
        columns = [
            Column(_("Certificate number"), "serial", width=18),
            Column(_("Category"), "category", width=24),
            Column(_("Nominee"), "name", width=30),
            Column(_("Unit"), "unit", width=36),
            Column(_("Prefecture"), "prefecture", width=14),
        ]
        target = io.BytesIO()
        write_xlsx(target, columns, _list_rows(round_), title=round_.title)
        target.seek(0)
        return FileResponse(
            target,
            as_attachment=True,
            filename=f"commendations-{round_.year}-{round_.pk}.xlsx",
            content_type=CONTENT_TYPES[ExportFormat.XLSX],
        )


class VerifyView(TemplateView):
    """The certificate check: the award, its round and unit, for a certificate number."""

    template_name = "commendations/verify.html"

    def get_context_data(self, **kwargs):
        try:
            award = selectors.award_by_serial(self.kwargs["serial"])
        except Nomination.DoesNotExist as exc:
            raise Http404 from exc
        return super().get_context_data(award=award, **kwargs)
