"""The list of issuing bodies: kept by the provincial office (the admin calls these)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_noop

from apps.documents.models import IssuingBody
from apps.documents.permissions import Perm
from apps.documents.services.common import stamp
from apps.organizations.models import Division


def _require(actor, perm: Perm, division: Division) -> None:
    if (
        not actor.has_perm(perm)
        or not Division.objects.for_actor(actor).filter(pk=division.pk).exists()
    ):
        raise PermissionDenied


@transaction.atomic
def body_create(
    *,
    actor,
    name: str,
    kind: str,
    division: Division,
    signer_role: str = "",
    short_name: str = "",
) -> IssuingBody:
    """Add an issuing body of a division inside the actor's scope (holders of
    documents.add_issuingbody: the provincial office)."""
    _require(actor, Perm.ADD_BODY, division)
    body = IssuingBody(
        name=name.strip(),
        short_name=short_name.strip(),
        kind=kind,
        division=division,
        signer_role=signer_role,
    )
    stamp(body, actor, reason=gettext_noop("created"))
    body.full_clean()
    body.save()
    return body


@transaction.atomic
def body_update(
    *,
    actor,
    body: IssuingBody,
    name: str,
    kind: str,
    division: Division,
    signer_role: str = "",
    short_name: str = "",
) -> IssuingBody:
    """Change an issuing body inside the actor's scope (documents.change_issuingbody)."""
    _require(actor, Perm.CHANGE_BODY, body.division)
    _require(actor, Perm.CHANGE_BODY, division)
    row = IssuingBody.objects.select_for_update().get(pk=body.pk)
    row.name = name.strip()
    row.short_name = short_name.strip()
    row.kind = kind
    row.division = division
    row.signer_role = signer_role
    stamp(row, actor, reason=gettext_noop("changed"))
    row.full_clean()
    row.save()
    return row
