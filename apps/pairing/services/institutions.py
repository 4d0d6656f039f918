"""Partner institutions: recorded by League staff (or an administrator)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.audit import stamp
from apps.core.versioning import bump, lock_version
from apps.organizations.choices import DivisionLevel
from apps.pairing import rights
from apps.pairing.choices import InstitutionKind
from apps.pairing.models import Institution

FIELDS = (
    "name",
    "kind",
    "league_committee",
    "prefecture",
    "outside_place",
    "contact_office",
    "contact_phone",
)


def _apply(institution: Institution, terms: dict) -> None:
    for name in FIELDS:
        if name in terms:
            value = terms[name]
            setattr(institution, name, value.strip() if isinstance(value, str) else value)
    errors = {}
    if institution.prefecture is not None:
        if institution.prefecture.level != DivisionLevel.PREFECTURE:
            errors["prefecture"] = _("Choose a prefecture of the province.")
        institution.outside_place = ""
    elif not institution.outside_place:
        errors["prefecture"] = _(
            "Choose the prefecture it sits in, or name its place outside the province."
        )
    if institution.kind != InstitutionKind.UNIVERSITY:
        institution.league_committee = institution.league_committee or ""
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def institution_create(*, actor, **terms) -> Institution:
    if not rights.may_manage_institutions(actor):
        raise PermissionDenied(_("Only League staff record partner institutions."))
    institution = Institution()
    _apply(institution, terms)
    stamp(institution, actor, reason=gettext_noop("created"))
    institution.full_clean()
    institution.save()
    return institution


@transaction.atomic
def institution_update(
    *, actor, institution: Institution, seen_version: int | None = None, **terms
) -> Institution:
    """League staff change a partner institution; refused (StaleEditError) over a change
    made since ``seen_version``."""
    if not rights.may_manage_institutions(actor):
        raise PermissionDenied(_("Only League staff record partner institutions."))
    institution = lock_version(
        Institution.objects.all(), pk=institution.pk, seen_version=seen_version
    )
    bump(institution)
    _apply(institution, terms)
    stamp(institution, actor, reason=gettext_noop("changed"))
    institution.full_clean()
    institution.save()
    return institution
