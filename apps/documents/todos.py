"""Work waiting for a user in the documents area (``AreaConfig.todo_sources``), and the
queries behind it, which the staff list's "waiting for me" filter reuses.

- A body's staff: documents waiting for their body's countersignature, with the earliest
  requested-by date (overdue when it has passed).
- A drafting office: the countersignatures it records for bodies without staff, documents
  sent back to it, and documents every body has signed, ready to issue.
"""

from __future__ import annotations

from django.db.models import Count, F, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.registry import DueItem
from apps.core.todos import Waiting, staff_in, todo_source
from apps.documents.choices import Decision, DocumentStatus
from apps.documents.models import CountersignStep, Document


def _is_staff(actor) -> bool:
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.is_active
        and actor.role
        and actor.division_id
        and not actor.school_id
    )


def awaiting_my_body(actor) -> QuerySet[CountersignStep]:
    """Open turns of the current round for bodies with staff that ``actor`` acts for."""
    if not _is_staff(actor):
        return CountersignStep.objects.none()
    return CountersignStep.objects.pending().filter(
        body__signer_role=actor.role, document__division_id=actor.division_id
    )


def awaiting_my_record(actor) -> QuerySet[CountersignStep]:
    """Open turns of bodies without staff, which ``actor``'s drafting office records."""
    if not _is_staff(actor):
        return CountersignStep.objects.none()
    return CountersignStep.objects.pending().filter(
        body__signer_role="",
        document__lead_body__signer_role=actor.role,
        document__division_id=actor.division_id,
    )


def _my_office(actor) -> Q:
    return Q(lead_body__signer_role=actor.role, division_id=actor.division_id)


def sent_back_to_me(actor) -> QuerySet[Document]:
    """Documents back in drafting after a send-back, in ``actor``'s drafting office."""
    if not _is_staff(actor):
        return Document.objects.none()
    return Document.objects.filter(_my_office(actor), status=DocumentStatus.DRAFTING, round__gt=0)


def ready_to_issue(actor) -> QuerySet[Document]:
    """Documents of ``actor``'s drafting office that every co-issuing body has signed."""
    if not _is_staff(actor):
        return Document.objects.none()
    return (
        Document.objects.filter(_my_office(actor), status=DocumentStatus.COUNTERSIGNING)
        .annotate(
            bodies=Count("co_issuers", distinct=True),
            signed=Count(
                "steps",
                filter=Q(steps__round=F("round"), steps__decision=Decision.SIGN),
                distinct=True,
            ),
        )
        .filter(bodies__gt=0, signed=F("bodies"))
    )


def _todo_url(todo: str) -> str:
    return f"{reverse('documents:document-list')}?todo={todo}"


@todo_source
def countersign_todos(*, actor) -> list[Waiting]:
    """Documents waiting for the actor's body's countersignature (earliest requested-by
    date; overdue once it has passed)."""
    return [
        Waiting(
            _("Documents waiting for your body's countersignature"),
            awaiting_my_body(actor),
            _todo_url("mine"),
            due="due_on",
        )
    ]


@todo_source
def drafting_office_todos(*, actor) -> list[Waiting]:
    """What waits for the actor's drafting office: sign-offs to record for bodies without
    staff, documents sent back, documents ready to issue."""
    return [
        Waiting(
            _("Countersignatures to record for bodies without staff in the portal"),
            awaiting_my_record(actor),
            _todo_url("record"),
            due="due_on",
        ),
        Waiting(
            _("Documents sent back to your office"), sent_back_to_me(actor), _todo_url("sent_back")
        ),
        Waiting(
            _("Documents signed by every body, ready to issue"),
            ready_to_issue(actor),
            _todo_url("ready"),
        ),
    ]


def countersign_due_items(*, due_from, due_to) -> list[DueItem]:
    """Open countersigning turns requested by a date between the two: the body's staff
    must give their opinion (for a body without staff, the drafting office records it)."""
    steps = list(
        CountersignStep.objects.pending()
        .filter(due_on__range=(due_from, due_to))
        .select_related("document__lead_body", "body")
    )

    def role_of(step):
        return step.body.signer_role or step.document.lead_body.signer_role

    staff = staff_in(
        divisions=[step.document.division_id for step in steps],
        roles={role_of(step) for step in steps},
    )
    items = []
    for step in steps:
        role = role_of(step)
        actors = staff.get(("division", step.document.division_id), ())
        items.append(
            DueItem(
                key=f"documents.countersign:{step.pk}",
                kind=_("countersignature"),
                what=step.document.title,
                unit=step.body.name,
                due=step.due_on,
                url=reverse("documents:document-detail", args=[step.document_id]),
                action=_("give the body's opinion"),
                actors=tuple(user for user in actors if user.role == role),
                division=step.document.division_id,
                roles=(role,),
            )
        )
    return items
