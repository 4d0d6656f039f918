"""Where the security log listens: the core's ``security_event`` (every recorded event),
Django's sign-in signals, django-axes' lockout, the admin site's LogEntry rows and its
bulk delete action."""

from __future__ import annotations

import dataclasses
import logging

from axes.signals import user_locked_out
from django.contrib import admin
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import post_save

from apps.core.security import (
    SecurityEventData,
    SecurityKind,
    SecurityOutcome,
    record,
    security_event,
)

logger = logging.getLogger(__name__)

_ADMIN_ACTIONS = {1: "addition", 2: "change", 3: "deletion"}


def write_event(sender, event: SecurityEventData, **kwargs) -> None:
    """Keep ``event`` as a SecurityEvent row. In a savepoint of its own, so a failure leaves
    a surrounding transaction usable (the core logs it and the request goes on)."""
    from apps.securitylog.models import SecurityEvent

    with transaction.atomic():
        # The event's fields are the row's, name for name.
        SecurityEvent.objects.create(**dataclasses.asdict(event))


def signed_in(sender, request, user, **kwargs) -> None:
    record(SecurityKind.SIGN_IN, request=request, user=user)


def signed_out(sender, request, user, **kwargs) -> None:
    record(SecurityKind.SIGN_OUT, request=request, user=user)


def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # Django has already replaced the password in ``credentials``; only the username is kept.
    record(
        SecurityKind.SIGN_IN_FAILED,
        request=request,
        username=str(credentials.get("username") or ""),
        outcome=SecurityOutcome.FAILURE,
        locked_out=bool(getattr(request, "axes_locked_out", False)),
    )


def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    record(
        SecurityKind.LOCKOUT,
        request=request,
        username=str(username or ""),
        outcome=SecurityOutcome.REFUSED,
        address_throttled=bool(getattr(request, "portal_address_throttled", False)),
    )


def admin_logged(sender, instance: LogEntry, created: bool, raw: bool = False, **kwargs) -> None:
    """An add, change or delete in the admin site: which row of which model, and the admin's
    own change message (the names of the changed fields, not their values)."""
    if not created or raw:
        return
    content_type = instance.content_type
    record(
        SecurityKind.ADMIN_CHANGE,
        user=instance.user,
        action=_ADMIN_ACTIONS.get(instance.action_flag, str(instance.action_flag)),
        model=f"{content_type.app_label}.{content_type.model}" if content_type else "",
        object_id=str(instance.object_id) if instance.object_id is not None else None,
        change_message=instance.get_change_message(),
    )


def delete_selected(modeladmin, request, queryset):
    """Django's "delete selected" action, with each deleted row in the security log.

    The admin keeps the LogEntry rows of a bulk delete of several rows in one bulk insert,
    which sends no signal, so ``admin_logged`` never sees them; one row alone is saved
    singly and reaches ``admin_logged`` as any delete does."""
    confirmed = request.method == "POST" and request.POST.get("post")
    # Only the keys: a row's name may be a person's, and no personal data goes in the log.
    keys = list(queryset.values_list("pk", flat=True)) if confirmed else []
    response = django_delete_selected(modeladmin, request, queryset)
    if response is None and len(keys) > 1:
        model = queryset.model._meta
        for pk in keys:
            record(
                SecurityKind.ADMIN_CHANGE,
                request=request,
                user=request.user,
                action=_ADMIN_ACTIONS[DELETION],
                model=f"{model.app_label}.{model.model_name}",
                object_id=str(pk),
                bulk=True,
            )
    return response


delete_selected.allowed_permissions = django_delete_selected.allowed_permissions
delete_selected.short_description = django_delete_selected.short_description


def connect() -> None:
    admin.site.add_action(delete_selected, "delete_selected")
    security_event.connect(write_event, dispatch_uid="securitylog.write_event")
    user_logged_in.connect(signed_in, dispatch_uid="securitylog.signed_in")
    user_logged_out.connect(signed_out, dispatch_uid="securitylog.signed_out")
    user_login_failed.connect(sign_in_failed, dispatch_uid="securitylog.sign_in_failed")
    user_locked_out.connect(locked_out, dispatch_uid="securitylog.locked_out")
    post_save.connect(admin_logged, sender=LogEntry, dispatch_uid="securitylog.admin_logged")
