"""The multi-level review chain that nominations and title applications go through.

A row under review waits at one level at a time (``current_level``, since ``waiting_since``).
A reviewer of that level approves, which sends it up one level or, at the top level, ends
its review approved; or returns or rejects it, both with a reason, which ends its review.
Each decision is a step (a ``ReviewStepBase`` row), never changed or deleted.
The area decides who reviews at which level and what else an approval changes; its status
choices name the end of a review APPROVED, RETURNED and REJECTED.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.models import reference

REASON_REQUIRED = _("Give a reason when returning or rejecting.")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    RETURN = "return", _("Return for changes")
    REJECT = "reject", _("Reject")


# The status a decision that ends the review leaves the row in, by its name.
OUTCOMES = {Decision.APPROVE: "APPROVED", Decision.RETURN: "RETURNED", Decision.REJECT: "REJECTED"}


class ChainLevel:
    """Mixed into a ``TextChoices`` of the chain's levels, listed from the first to the top."""

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)

    @property
    def next_level(self):
        """The level an approval sends a row up to; None at the top."""
        order = list(type(self))
        return order[self.rank + 1] if self.rank + 1 < len(order) else None


def require_level(row, level, message) -> None:
    """Refuse a decision at ``level`` on a row that waits at another level; ``message``
    names the row and takes ``%(waiting)s`` and ``%(yours)s``."""
    if row.current_level != level:
        raise ValidationError(
            message,
            code="wrong_level",
            params={"waiting": type(level)(row.current_level).label, "yours": level.label},
        )


def decision_comment(decision: str, comment: str) -> str:
    """The reviewer's comment, trimmed; refused when empty on a return or a rejection."""
    comment = comment.strip()
    if decision != Decision.APPROVE and not comment:
        raise ValidationError({"comment": ValidationError(REASON_REQUIRED, code="reason_required")})
    return comment


def decision_reason(decision: str, level) -> str:
    """The history reason of ``decision`` at ``level``, written in the portal's language
    (the labels are only known here, not to the catalogue)."""
    return _("%(level)s: %(decision)s") % {
        "level": level.label,
        "decision": Decision(decision).label,
    }


def advance(row, level, decision: str, statuses: type[models.TextChoices]) -> datetime.datetime:
    """Move ``row`` on after ``decision`` at ``level``: an approval below the top level sends
    it up one level, waiting from now; any other decision ends its review, with the status
    of ``statuses`` (the row's status choices) named after it: APPROVED, RETURNED or
    REJECTED. Returns the time of the decision (the portal's clock)."""
    now = clock.now()
    if decision == Decision.APPROVE and level.next_level is not None:
        row.current_level = level.next_level
        row.waiting_since = now
    else:
        row.status = statuses[OUTCOMES[Decision(decision)]]
        row.current_level = ""
        row.waiting_since = None
    return now


def record_step(step: ReviewStepBase, row, level, statuses: type[models.TextChoices]):
    """Keep ``step``, a reviewer's decision on ``row`` at ``level`` (checked as a form
    would check it), then move ``row`` on by it (``advance``). Returns the time of the
    decision; the caller saves ``row``."""
    step.full_clean()
    step.save()
    return advance(row, level, step.decision, statuses)


def reason_required(name: str, message=None) -> models.CheckConstraint:
    """The database's side of ``decision_comment``: a step that returns or rejects carries
    a comment (``message``: what a form says otherwise)."""
    return models.CheckConstraint(
        condition=Q(decision=Decision.APPROVE) | ~Q(comment=""),
        name=name,
        violation_error_message=message,
    )


class ReviewStepBase(models.Model):
    """One reviewer's decision at one level. Subclasses add the reviewed row, the ``level``
    with their chain's choices, and their constraints (``reason_required`` among them)."""

    reviewer = reference(
        settings.AUTH_USER_MODEL, _("reviewer"), related_name="%(app_label)s_review_steps"
    )
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    # By the portal's clock, so seeded earlier rounds carry their own dates.
    acted_at = models.DateTimeField(_("decided at"), default=clock.now, editable=False)

    class Meta:
        abstract = True
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")

    def __str__(self):
        return f"{self.get_level_display()} · {self.get_decision_display()}"
