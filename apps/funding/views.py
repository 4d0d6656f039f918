"""Pages of the funding area: thin views on the core's bases. Rows come from the scoped
selectors (a 404 outside scope), writes go to the services, whose refusals are shown next to
the field they concern. Access rules per URL are in permissions.py."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core.history import history_of_related
from apps.core.views import (
    FileDownloadView,
    FilteredListView,
    ObjectActionView,
    ObjectDetailView,
    ObjectFormView,
    ServiceFormView,
    get_or_404,
)
from apps.exports.mixins import ListExportMixin
from apps.funding import rights, selectors, services
from apps.funding.choices import AllocationStatus, ProgramStatus
from apps.funding.forms import (
    AllocationForm,
    EnvelopeForm,
    ProgramForm,
    ReasonForm,
    UsageReportForm,
)
from apps.funding.models import Envelope, UsageReceipt
from apps.funding.permissions import Perm
from apps.funding.services.programs import WRITABLE
from apps.organizations.models import Division


def program_url(program) -> str:
    return reverse("funding:program-detail", args=[program.pk])


def _home_division(user) -> Division | None:
    """The division a user runs programs for: their own (the province for a scope-less
    superuser)."""
    if user.division_id:
        return user.division
    if user.is_superuser and user.school_id is None:
        return Division.objects.filter(parent__isnull=True).order_by("code").first()
    return None


# Programs -------------------------------------------------------------------------------


class ProgramListView(ListExportMixin, FilteredListView):
    """Programs the user sees; ``?format=xlsx|csv`` exports the filtered rows."""

    list_selector = selectors.program_list
    ordering = ("-year", "-id")
    export_kind = "funding-programs"
    # The running division's name comes annotated (selectors.program_list).
    row_fields = ("name", "year", "target", "total_budget", "status")

    def may_create(self, user):
        division = _home_division(user)
        return division is not None and rights.may_run_programs(user, division)


class ProgramDetailView(ObjectDetailView):
    """A program: its budget, what it allocated and disbursed (with a progress bar), its pots
    and envelopes in the user's scope, and its allocations by prefecture."""

    selector = selectors.program_get

    def related_history(self, program):
        # The envelopes passed down inside the user's scope, as the page's pots show them.
        visible = Envelope.objects.for_actor(self.request.user).filter(program=program)
        names = dict(visible.values_list("pk", "division__name"))
        label = Envelope._meta.verbose_name
        return [
            history_of_related(
                Envelope,
                viewer=self.request.user,
                label=lambda row: f"{label}：{names.get(row.id, '')}",
                id__in=list(names),
            )
        ]

    def object_context(self, program):
        actor = self.request.user
        pots = selectors.program_pots(actor=actor, program=program)
        envelope_form = EnvelopeForm(program=program, actor=actor, pots=[row.pot for row in pots])
        writable = program.status in WRITABLE
        return {
            "totals": selectors.program_totals(program=program),
            "pots": pots,
            "by_prefecture": selectors.program_by_prefecture(actor=actor, program=program),
            "can_update": rights.may_run_programs(actor, program.division)
            and actor.has_perm(Perm.CHANGE_PROGRAM),
            "can_pass": writable
            and actor.has_perm(Perm.ADD_ENVELOPE)
            and envelope_form.has_choices,
            "can_allocate": writable
            and actor.has_perm(Perm.ADD_ALLOCATION)
            and any(rights.may_manage_pot(actor, row.pot.division_id) for row in pots),
        }


class _ProgramForm:
    """The program's form; a save leads to the program's page."""

    template_name = "funding/program_form.html"
    form_class = ProgramForm
    detail_url = "funding:program-detail"


class ProgramCreateView(_ProgramForm, ServiceFormView):
    """A new program run by the user's own division (a province or prefecture)."""

    title = _("New funding program")
    success_message = _("Program saved. Open it when its envelopes and allocations may begin.")

    def load(self):
        self.division = _home_division(self.request.user)

    def permitted(self):
        return self.division is not None and rights.may_run_programs(
            self.request.user, self.division
        )

    def perform(self, form):
        return services.program_create(
            actor=self.request.user, division=self.division, **form.terms()
        )


class ProgramUpdateView(_ProgramForm, ObjectFormView):
    """Change a program's terms or move its status forward; refused over a newer change."""

    selector = selectors.program_get
    title = _("Change the program")
    success_message = _("Program saved.")
    edits_object = True

    def perform(self, form):
        return services.program_update(
            actor=self.request.user,
            program=self.object,
            seen_version=form.cleaned_data["version"],
            status=form.cleaned_data["status"],
            **form.terms(),
        )


class _ProgramPartForm(ObjectFormView):
    """A form adding a part to a program (an envelope, an allocation): the form is given the
    program and the user, to offer only what the user's scope holds."""

    selector = selectors.program_get
    form_takes_actor = True
    form_takes_object = True


class EnvelopeCreateView(_ProgramPartForm):
    """Pass part of a pot down to a division one level below (切块下达)."""

    template_name = "funding/envelope_form.html"
    form_class = EnvelopeForm
    title = _("Pass an envelope down")
    success_message = _("Envelope passed down.")

    def get_form_kwargs(self):
        pots = selectors.program_pots(actor=self.request.user, program=self.object)
        return {**super().get_form_kwargs(), "pots": [row.pot for row in pots]}

    detail_url = "funding:program-detail"
    returns_to_object = True
    service = services.envelope_create


class AllocationCreateView(_ProgramPartForm):
    """Allocate part of the program to a recipient in the user's scope."""

    template_name = "funding/allocation_form.html"
    form_class = AllocationForm
    title = _("New allocation")
    success_message = _("Allocation planned; it now waits for approval.")
    detail_url = "funding:allocation-detail"

    def perform(self, form):
        data = form.cleaned_data
        try:
            return services.allocation_create(
                actor=self.request.user,
                program=self.object,
                recipient=form.recipient,
                amount=data["amount"],
                purpose=data["purpose"],
            )
        except ValidationError as error:
            # The service names the recipient; the form asks for a school or a committee.
            if hasattr(error, "error_dict") and "recipient" in error.error_dict:
                errors = dict(error.error_dict)
                errors[form.recipient_field] = errors.pop("recipient")
                raise ValidationError(errors) from error
            raise


# Allocations ----------------------------------------------------------------------------


class AllocationListView(ListExportMixin, FilteredListView):
    """Allocations to recipients in the user's scope; ``?format=xlsx|csv`` exports them."""

    list_selector = selectors.allocation_list
    ordering = ("-id",)
    export_kind = "funding-allocations"
    # The program's and recipient's names come annotated (selectors.allocation_list).
    row_fields = ("amount", "status")


class AllocationDetailView(ObjectDetailView):
    """An allocation with its sign-offs, usage report, receipts and history, and the steps
    the user may take on it now."""

    selector = selectors.allocation_get
    history_parts = ((UsageReceipt, "allocation"),)

    def object_context(self, allocation):
        actor = self.request.user
        status = allocation.status
        manages = rights.may_manage_pot(actor, allocation.pot_division_id)
        side = rights.signoff_side(actor, allocation)
        signoffs = list(selectors.allocation_signoffs(allocation=allocation))
        this_round = [s for s in signoffs if s.round == allocation.round]
        signed_by_me = any(s.signer_id == actor.pk for s in this_round)
        open_program = allocation.program.status == ProgramStatus.OPEN
        return {
            "signoffs": signoffs,
            "needs_two": allocation.program.needs_dual_signoff(allocation.amount),
            "receipts": allocation.receipts.order_by("uploaded_at", "id"),
            "can_approve": status == AllocationStatus.PLANNED
            and open_program
            and side is not None
            and not signed_by_me
            and side not in {s.body for s in this_round}
            and actor.has_perm(Perm.APPROVE_ALLOCATION),
            "can_return": status == AllocationStatus.APPROVED
            and manages
            and actor.has_perm(Perm.APPROVE_ALLOCATION),
            "can_cancel": status in (AllocationStatus.PLANNED, AllocationStatus.APPROVED)
            and manages
            and actor.has_perm(Perm.ADD_ALLOCATION),
            "can_disburse": status == AllocationStatus.APPROVED
            and manages
            and actor.has_perm(Perm.DISBURSE_ALLOCATION),
            "can_report": status == AllocationStatus.DISBURSED
            and rights.may_report_usage(actor, allocation)
            and actor.has_perm(Perm.REPORT_USAGE),
            "can_accept": status == AllocationStatus.USAGE_REPORTED
            and manages
            and actor.has_perm(Perm.ACCEPT_USAGE),
        }


class _AllocationStep(ObjectActionView):
    """A one-button step on an allocation; the version the page showed rides along."""

    selector = selectors.allocation_get
    detail_url = "funding:allocation-detail"
    versioned = True


AllocationApproveView = _AllocationStep.step(services.allocation_approve, _("Signed."))
AllocationDisburseView = _AllocationStep.step(
    services.allocation_disburse, _("Recorded as disbursed.")
)
UsageAcceptView = _AllocationStep.step(services.usage_accept, _("Usage report accepted."))


class _AllocationForm(ObjectFormView):
    """A step on an allocation that takes a form (a reason, a usage report): its values go
    to ``service(actor=, allocation=, **values, seen_version=)``."""

    selector = selectors.allocation_get
    template_name = "funding/allocation_step.html"
    form_class = ReasonForm
    detail_url = "funding:allocation-detail"

    def get_initial(self):
        return {"version": self.object.version}

    def service_kwargs(self, form):
        return {**self.form_values(form), "seen_version": form.cleaned_data["version"]}


class AllocationReturnView(_AllocationForm):
    title = _("Send the allocation back")
    success_message = _("Sent back to planned.")
    service = services.allocation_return


class AllocationCancelView(_AllocationForm):
    title = _("Cancel the allocation")
    success_message = _("Allocation cancelled.")
    service = services.allocation_cancel


class UsageReportView(_AllocationForm):
    title = _("Report the usage")
    form_class = UsageReportForm
    success_message = _("Usage report submitted.")
    service = services.usage_report_submit

    def get_initial(self):
        initial = super().get_initial()
        if self.object.spent is not None:
            # A report sent back keeps what was written, to be corrected.
            initial.update(spent=self.object.spent, summary=self.object.usage_summary)
        return initial


class UsageReturnView(_AllocationForm):
    title = _("Send the usage report back")
    success_message = _("Usage report sent back.")
    service = services.usage_return


class ReceiptDownloadView(FileDownloadView):
    """A usage receipt, as an attachment, for whoever sees its allocation."""

    selector = selectors.receipt_get


# The public disclosure (资金使用公示) -------------------------------------------------------


class PublicProgramListView(TemplateView):
    """Programs that have disbursed money, for anyone: name, year, funders, budget."""

    template_name = "funding/public_program_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(programs=selectors.public_programs(), **kwargs)


class PublicProgramDetailView(TemplateView):
    """One disclosed program and the total each recipient school received; no people."""

    template_name = "funding/public_program_detail.html"

    def get_context_data(self, **kwargs):
        program = get_or_404(selectors.public_program_get, pk=kwargs["pk"])
        return super().get_context_data(
            program=program,
            recipients=selectors.public_recipients(program=program),
            **kwargs,
        )
