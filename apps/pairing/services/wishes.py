"""Micro-wishes (微心愿): posted by the school's counselor, claimed for an institution and
fulfilled (recorded by League staff for the volunteers, who have no accounts), confirmed by
the school. A claim not fulfilled within ``CLAIM_DAYS`` returns to open; the text is cleared
``wish_text_months()`` after confirmation, in the wish and in its history.

open → claimed → fulfilled → confirmed; claimed → open (handed back, or overdue).
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core import clock
from apps.core.audit import bulk_update_audited, stamp
from apps.core.evidence import EvidenceType, evidence_store
from apps.core.money import to_fen
from apps.core.versioning import bump, lock_version
from apps.organizations.models import Brigade
from apps.pairing import rights
from apps.pairing.choices import WishStatus
from apps.pairing.models import CLAIM_DAYS, Institution, Wish, WishPhoto, wish_text_months

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = (EvidenceType.JPEG, EvidenceType.PNG)
MAX_VALUE = Decimal("2000.00")
# What must never be on a wish: an ID number, a mobile number (a child's or a parent's).
ID_NUMBER = re.compile(r"\d{15}|\d{17}[\dXx]")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
FIXED = ["school", "brigade", "county", "institution", "created_by", "updated_by"]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _check_words(field: str, text: str) -> None:
    if ID_NUMBER.search(text) or PHONE.search(text):
        raise ValidationError(
            {field: _("No ID number or telephone number on a wish: it is about a minor.")}
        )


def clean_card_label(text: str) -> str:
    """A card that names no child: it reads like 某校三年级队员."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"card_label": _("Describe the child without a name.")})
    if "某" not in text:
        raise ValidationError(
            {"card_label": _("Write the card without a name, like 某校三年级队员.")}
        )
    _check_words("card_label", text)
    return text


def _value(value) -> Decimal:
    try:
        amount = to_fen(value)
    except ValidationError as error:
        raise ValidationError({"estimated_value": error}) from error
    if amount <= 0 or amount > MAX_VALUE:
        raise ValidationError(
            {
                "estimated_value": _(
                    "A micro-wish is worth more than zero and at most %(max)s yuan."
                )
                % {"max": MAX_VALUE}
            }
        )
    return amount


def _lock(wish: Wish, seen_version: int | None) -> Wish:
    return lock_version(
        Wish.objects.select_related("school"), pk=wish.pk, seen_version=seen_version
    )


def _require(wish: Wish, status: WishStatus, action: str) -> None:
    if wish.status != status:
        raise ValidationError(
            _("%(action)s: not possible while the wish is %(status)s.")
            % {"action": action, "status": wish.get_status_display()},
            code="wrong_status",
        )


def _save(wish: Wish, actor, reason: str) -> Wish:
    bump(wish)
    stamp(wish, actor, reason=reason)
    wish.full_clean(exclude=FIXED)
    wish.save()
    return wish


@transaction.atomic
def wish_post(
    *,
    actor,
    brigade: Brigade,
    card_label: str,
    text: str,
    category: str,
    estimated_value,
    posted_on: datetime.date | None = None,
) -> Wish:
    """A counselor of the brigade's school posts a child's wish, without the child's name."""
    school = brigade.school
    if not rights.may_post_wish(actor, school.pk):
        raise PermissionDenied(_("Only a counselor of the school posts its wishes."))
    today = clock.today()
    posted_on = posted_on or today
    if posted_on > today:
        raise ValidationError({"posted_on": _("The date cannot be in the future.")})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the wish.")})
    _check_words("text", text)
    wish = Wish(
        school=school,
        brigade=brigade,
        county_id=school.county_id,
        card_label=clean_card_label(card_label),
        text=text,
        category=category,
        estimated_value=_value(estimated_value),
        posted_on=posted_on,
    )
    stamp(wish, actor, reason=gettext_noop("posted"))
    wish.full_clean(exclude=FIXED)
    wish.save()
    return wish


def _return_if_overdue(wish: Wish, today: datetime.date) -> None:
    if wish.is_overdue(today):
        wish.status = WishStatus.OPEN
        wish.institution = None
        wish.claimed_on = None
        wish.returned_times += 1


@transaction.atomic
def wish_claim(
    *, actor, wish: Wish, institution: Institution, seen_version: int | None = None
) -> Wish:
    """League staff of the wish's county or above claim it for an institution's volunteers.
    An overdue claim counts as open again."""
    if not rights.may_claim(actor, wish):
        raise PermissionDenied(_("This wish is outside the area you record claims for."))
    wish = _lock(wish, seen_version)
    today = clock.today()
    _return_if_overdue(wish, today)
    _require(wish, WishStatus.OPEN, _("Claim"))
    wish.status = WishStatus.CLAIMED
    wish.institution = institution
    wish.claimed_on = today
    return _save(wish, actor, gettext_noop("claimed"))


@transaction.atomic
def wish_release(*, actor, wish: Wish, seen_version: int | None = None) -> Wish:
    """Hand a claimed wish back to open (the volunteers cannot fulfil it)."""
    if not rights.may_claim(actor, wish):
        raise PermissionDenied(_("This wish is outside the area you record claims for."))
    wish = _lock(wish, seen_version)
    _require(wish, WishStatus.CLAIMED, _("Hand back"))
    wish.status = WishStatus.OPEN
    wish.institution = None
    wish.claimed_on = None
    wish.returned_times += 1
    return _save(wish, actor, gettext_noop("released"))


def _add_photo(*, actor, wish: Wish, upload: UploadedFile) -> WishPhoto:
    return evidence_store(
        WishPhoto(wish=wish),
        upload,
        actor=actor,
        max_bytes=PHOTO_MAX_BYTES,
        types=PHOTO_TYPES,
        field="photo",
        exclude=("file", "wish", "uploaded_by"),
    )


@transaction.atomic
def wish_fulfil(
    *,
    actor,
    wish: Wish,
    fulfilled_on: datetime.date | None = None,
    note: str = "",
    photo: UploadedFile | None = None,
    seen_version: int | None = None,
) -> Wish:
    """Record that the gift reached the school (within the claim's 30 days), with an
    optional photo of the gift, never of the child."""
    if not rights.may_claim(actor, wish):
        raise PermissionDenied(_("This wish is outside the area you record claims for."))
    wish = _lock(wish, seen_version)
    today = clock.today()
    fulfilled_on = fulfilled_on or today
    _require(wish, WishStatus.CLAIMED, _("Fulfil"))
    if fulfilled_on > today:
        raise ValidationError({"fulfilled_on": _("The date cannot be in the future.")})
    if fulfilled_on < wish.claimed_on:
        raise ValidationError({"fulfilled_on": _("The wish was claimed after this date.")})
    if fulfilled_on > wish.return_due:
        raise ValidationError(
            {
                "fulfilled_on": _(
                    "The claim ran out on %(due)s (%(days)d days); claim the wish again."
                )
                % {"due": wish.return_due.isoformat(), "days": CLAIM_DAYS}
            }
        )
    note = (note or "").strip()
    _check_words("note", note)
    wish.status = WishStatus.FULFILLED
    wish.fulfilled_on = fulfilled_on
    wish.fulfilment_note = note
    wish = _save(wish, actor, gettext_noop("fulfilled"))
    if photo is not None:
        _add_photo(actor=actor, wish=wish, upload=photo)
    return wish


@transaction.atomic
def wish_confirm(*, actor, wish: Wish, seen_version: int | None = None) -> Wish:
    """The school confirms the gift arrived (and was handed over by the counselor)."""
    if not rights.may_confirm(actor, wish):
        raise PermissionDenied(_("Only the school's staff or counselors confirm its gifts."))
    wish = _lock(wish, seen_version)
    _require(wish, WishStatus.FULFILLED, _("Confirm"))
    wish.status = WishStatus.CONFIRMED
    wish.confirmed_on = clock.today()
    return _save(wish, actor, gettext_noop("confirmed"))


@transaction.atomic
def wishes_return_overdue(*, today: datetime.date | None = None) -> int:
    """Every claim older than ``CLAIM_DAYS`` and not fulfilled back to open; how many."""
    today = today or clock.today()
    cutoff = today - datetime.timedelta(days=CLAIM_DAYS)
    overdue = list(
        Wish.objects.select_for_update()
        .filter(status=WishStatus.CLAIMED, claimed_on__lt=cutoff)
        .order_by("pk")
    )
    for wish in overdue:
        _return_if_overdue(wish, today)
        bump(wish)
    bulk_update_audited(
        Wish,
        overdue,
        ["status", "institution", "claimed_on", "returned_times", "version"],
    )
    return len(overdue)


@transaction.atomic
def wishes_purge_text(*, today: datetime.date | None = None) -> int:
    """Clear the text and note of every wish confirmed ``wish_text_months()`` ago or more (and
    of one never confirmed, posted that long ago), in the wish and in every row of its
    history; its counts stay. How many were cleared."""
    today = today or clock.today()
    cutoff = months_before(today, wish_text_months())
    due = Wish.objects.filter(text_purged_on__isnull=True).filter(
        Q(status=WishStatus.CONFIRMED, confirmed_on__lte=cutoff)
        | (~Q(status=WishStatus.CONFIRMED) & Q(posted_on__lte=cutoff))
    )
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    # Written without a history row: the history must not keep the words either.
    Wish.objects.filter(pk__in=ids).update(text="", fulfilment_note="", text_purged_on=today)
    Wish.history.filter(id__in=ids).update(text="", fulfilment_note="")
    return len(ids)
