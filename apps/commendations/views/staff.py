"""Staff pages of the commendations area: thin views on the core's bases. Rows come from the
scoped selectors (a 404 outside scope), writes go to the services, whose refusals are shown
next to the field they concern."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from apps.commendations import selectors, services
from apps.commendations.certificates import certificate_pdf
from apps.commendations.choices import NominationStatus, RoundStatus
from apps.commendations.forms import (
    ConsentForm,
    EvidenceForm,
    FinalListForm,
    NominationForm,
    NoticeCloseForm,
    NoticePublishForm,
    ObjectionResolveForm,
    ReviewForm,
)
from apps.commendations.models import (
    Category,
    Nomination,
    NominationEvidence,
    Objection,
    PublicNotice,
    Round,
)
from apps.commendations.rights import is_round_manager, staff_level
from apps.core import clock
from apps.core.history import history_of_related, history_panel, parts_history
from apps.core.views import (
    FileDownloadView,
    ObjectFormView,
    PageFormPostView,
    ServiceFormView,
    get_or_404,
    keyset_page,
)


class NominationListView(TemplateView):
    """The rounds, and the nominations in the user's division (or those waiting for them)."""

    template_name = "commendations/nomination_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        waiting = self.request.GET.get("waiting") == "1"
        if waiting:
            rows = selectors.review_queue(actor=user)
        else:
            rows = selectors.nomination_list(
                actor=user,
                round_id=self.request.GET.get("round") or None,
                status=self.request.GET.get("status") or None,
            )
        page = keyset_page(self.request, selectors.for_listing(rows), ("-id",))
        selectors.with_nominees(page.object_list)
        context.update(
            rounds=selectors.round_links(),
            page=page,
            waiting=waiting,
        )
        return context


def _named(model, attribute: str = "title"):
    label = model._meta.verbose_name
    return lambda row: f"{label}：{getattr(row, attribute)}"


def round_history(round_: Round, *, viewer) -> list:
    """The round's changes, its categories' (quotas) and its notices' (drafted, published,
    closed)."""
    related = [
        history_of_related(
            Category, viewer=viewer, label=_named(Category, "name"), round_id=round_.pk
        ),
        history_of_related(
            PublicNotice, viewer=viewer, label=_named(PublicNotice), round_id=round_.pk
        ),
    ]
    return history_panel(round_, viewer=viewer, related=related)


def nomination_history(nomination: Nomination, *, viewer) -> list:
    """The nomination's changes, its nominee's (a guardian's consent), its evidence files'
    and its objections', the objector's name and phone masked but for the staff who handle
    objections."""
    related = [
        history_of_related(
            Objection,
            viewer=viewer,
            label=lambda row: f"{Objection._meta.verbose_name}（{row.received_on:%Y-%m-%d}）",
            nomination_id=nomination.pk,
        ),
        *parts_history(nomination, ((NominationEvidence, "nomination"),), viewer=viewer),
    ]
    for nominee in (nomination.child, nomination.person):
        if nominee is not None:
            related.append(
                history_of_related(
                    type(nominee), viewer=viewer, label=_named(type(nominee), "name"), id=nominee.pk
                )
            )
    return history_panel(nomination, viewer=viewer, related=related)


class RoundDetailView(TemplateView):
    """A round: categories and quotas, the balance of what the user's level passed, the
    notices; provincial staff close review, publish and close notices, publish the list."""

    template_name = "commendations/round_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        round_ = get_or_404(selectors.round_get, actor=user, pk=self.kwargs["pk"])
        context.update(
            round=round_,
            categories=round_.categories.all(),
            balance=selectors.balance(actor=user, round_id=round_.pk),
            notices=PublicNotice.objects.filter(round=round_).order_by("id"),
            manager=is_round_manager(user),
            can_nominate=staff_level(user) in ("county", "prefecture")
            and round_.status == RoundStatus.OPEN,
            publish_form=NoticePublishForm(initial={"starts_on": clock.today()}),
            close_form=NoticeCloseForm(),
            final_form=FinalListForm(),
            history=round_history(round_, viewer=user),
        )
        return context


class NominationCreateView(ServiceFormView):
    form_class = NominationForm
    template_name = "commendations/nomination_form.html"
    success_message = _("Nominated; the nomination waits for review.")
    detail_url = "commendations:nomination-detail"

    def load(self):
        self.category = get_or_404(
            lambda actor, pk: Category.objects.select_related("round").get(pk=pk),
            actor=self.request.user,
            pk=self.kwargs["pk"],
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user, "category": self.category}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(category=self.category, title=_("Nominate"))
        return context

    def perform(self, form):
        data = form.cleaned_data
        kind = self.category.nominee_kind
        child = person = None
        if kind == "child":
            child = {
                key: data[key]
                for key in (
                    "name",
                    "gender",
                    "ethnicity",
                    "school",
                    "squad_name",
                    "guardian_consent_on",
                )
            }
        elif kind == "person":
            person = {key: data[key] for key in ("name", "gender", "ethnicity", "post", "unit")}
        try:
            nomination = services.nomination_create(
                actor=self.request.user,
                category=self.category,
                deeds=data["deeds"],
                brigade=data.get("brigade"),
                squad=data.get("squad"),
                committee=data.get("committee"),
                counselor=data.get("counselor"),
                child=child,
                person=person,
            )
            if data.get("evidence"):
                services.evidence_add(
                    actor=self.request.user, nomination=nomination, upload=data["evidence"]
                )
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or _("You may not nominate here.")) from exc
        return nomination


class NominationDetailView(TemplateView):
    template_name = "commendations/nomination_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        nomination = get_or_404(selectors.nomination_get, actor=user, pk=self.kwargs["pk"])
        in_queue = selectors.review_queue(actor=user).filter(pk=nomination.pk).exists()
        context.update(
            nomination=nomination,
            steps=nomination.steps.select_related("reviewer").order_by("acted_at", "id"),
            evidence=nomination.evidence.all(),
            review_form=ReviewForm(initial={"version": nomination.version}) if in_queue else None,
            evidence_form=EvidenceForm() if nomination.created_by_id == user.pk else None,
            consent_form=ConsentForm(initial={"version": nomination.version})
            if nomination.child_id
            and not nomination.child.guardian_consent
            and staff_level(user) in ("county", "prefecture")
            else None,
            history=nomination_history(nomination, viewer=user),
        )
        context.update(kwargs)
        return context


class _NominationPagePost(PageFormPostView):
    """A form posted from the nomination's page; refused, that page again with it."""

    selector = selectors.nomination_get
    detail_url = "commendations:nomination-detail"
    form_name = ""

    def page(self, nomination, form):
        view = NominationDetailView()
        view.setup(self.request, pk=nomination.pk)
        context = view.get_context_data(pk=nomination.pk, **{self.form_name: form})
        return view.render_to_response(context)


class NominationReviewView(_NominationPagePost):
    form_class = ReviewForm
    form_name = "review_form"
    success_message = _("Decision recorded.")
    service = services.nomination_review

    def perform(self, nomination, form):
        try:
            super().perform(nomination, form)
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or _("You may not review this nomination.")) from exc


class EvidenceAddView(_NominationPagePost):
    form_class = EvidenceForm
    form_name = "evidence_form"
    success_message = _("File added.")

    def perform(self, nomination, form):
        try:
            services.evidence_add(
                actor=self.request.user, nomination=nomination, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            # The file's refusal goes next to it, whatever the service named.
            raise ValidationError({"file": exc.messages}) from exc


class ConsentRecordView(_NominationPagePost):
    """Staff of the child's county or prefecture record the guardian's consent to publish
    the child's name."""

    form_class = ConsentForm
    form_name = "consent_form"
    success_message = _("The guardian's consent is recorded.")
    service = services.child_consent_record


class EvidenceDownloadView(FileDownloadView):
    selector = selectors.evidence_get


class CertificateView(View):
    """The certificate PDF of an award in the user's division."""

    def get(self, request, pk):
        nomination = get_or_404(selectors.nomination_get, actor=request.user, pk=pk)
        if nomination.status != NominationStatus.AWARDED:
            raise PermissionDenied
        verify = request.build_absolute_uri(
            reverse("commendations:verify", args=[nomination.serial])
        )
        response = HttpResponse(
            certificate_pdf(nomination, verify_url=verify), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{nomination.serial}.pdf"'
        return response


class _RoundAction(View):
    """A POST by provincial staff on a round or one of its notices; refusals are messages
    on the round's page."""

    http_method_names = ["post"]
    form_class = None

    def post(self, request, pk):
        target = self.load(pk)
        form = self.form_class(request.POST) if self.form_class else None
        if form is not None and not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.back(target))
        try:
            self.perform(target, form.cleaned_data if form else {})
        except (ValidationError, PermissionDenied) as exc:
            for message in getattr(exc, "messages", None) or [str(exc)]:
                messages.error(request, message)
        else:
            messages.success(request, self.success_message)
        return redirect(self.back(target))

    def load(self, pk):
        return get_or_404(selectors.round_get, actor=self.request.user, pk=pk)

    def back(self, target):
        round_ = target if isinstance(target, Round) else target.round
        return reverse("commendations:round-detail", args=[round_.pk])


class RoundCloseReviewView(_RoundAction):
    success_message = _("Review closed; the public notice is drafted.")

    def perform(self, round_, data):
        services.round_close_review(actor=self.request.user, round=round_)


class _NoticeAction(_RoundAction):
    def load(self, pk):
        notice = get_or_404(
            lambda actor, pk: PublicNotice.objects.select_related("round").get(pk=pk),
            actor=self.request.user,
            pk=pk,
        )
        return notice


class NoticePublishView(_NoticeAction):
    form_class = NoticePublishForm
    success_message = _("The public notice is published.")

    def perform(self, notice, data):
        services.notice_publish(actor=self.request.user, notice=notice, starts_on=data["starts_on"])


class NoticeCloseView(_NoticeAction):
    form_class = NoticeCloseForm
    success_message = _("The public notice is closed.")

    def perform(self, notice, data):
        services.notice_close(actor=self.request.user, notice=notice, override=data["override"])


class FinalPublishView(_RoundAction):
    form_class = FinalListForm
    success_message = _("The final list is published.")

    def perform(self, round_, data):
        services.final_list_publish(
            actor=self.request.user, round=round_, decision_number=data["decision_number"]
        )


class ObjectionListView(TemplateView):
    """Objections to nominees in the user's division, earliest due first; the objector's
    name and phone only for the provincial staff who handle them."""

    template_name = "commendations/objection_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            objections=selectors.objection_list(actor=user).order_by("outcome", "due_on", "id"),
            show_objector=selectors.objector_visible(user),
            today=clock.today(),
        )
        return context


class ObjectionResolveView(ObjectFormView):
    form_class = ObjectionResolveForm
    template_name = "commendations/objection_resolve.html"
    selector = selectors.objection_get
    title = _("Resolve an objection")
    success_message = _("The objection is resolved.")

    def get_form_kwargs(self):
        reserves = selectors.reserves(nomination=self.object.nomination)
        return {**super().get_form_kwargs(), "reserves": reserves}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            objection=self.object,
            show_objector=selectors.objector_visible(self.request.user),
            today=clock.today(),
            **kwargs,
        )

    def perform(self, form):
        data = form.cleaned_data
        try:
            return services.objection_resolve(
                actor=self.request.user,
                objection=self.object,
                outcome=data["outcome"],
                resolution=data["resolution"],
                replacement=data.get("replacement"),
            )
        except PermissionDenied as exc:
            raise ValidationError(str(exc) or _("You may not resolve objections.")) from exc

    def success_url_for(self, saved):
        return reverse("commendations:objection-list")
