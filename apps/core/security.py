"""The security log's entry point: ``record(kind, ...)`` for any area, without depending on
where events are kept.

An area (or the core) calls ``record``; the event is handed to the receivers of
``security_event`` (the ``securitylog`` app writes it to its table). Recording never breaks
the action it records: a failure is logged and the request goes on.

Inside a request, events wait until the response is ready and are then written outside any
transaction the view opened (``SecurityRequestMiddleware``), so an attempt that a service
refuses and rolls back is still on record. The same middleware records every 403 and 429
response, and writes one event per request for the personal data shown unmasked
(``note_unmasked``), naming the records, never the data.
"""

from __future__ import annotations

import contextvars
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Sent with ``event`` (a SecurityEventData) once an event is to be kept.
security_event = Signal()

# How many record ids one event lists at most (a list page shows far fewer).
MAX_RECORD_IDS = 500
_MAX_PATH = 500
_MAX_TEXT = 1000


class SecurityKind(models.TextChoices):
    SIGN_IN = "sign_in", _("Sign-in")
    SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "sign_out", _("Sign-out")
    LOCKOUT = "lockout", _("Lockout")
    PERMISSION_DENIED = "permission_denied", _("Permission refused")
    EXPORT = "export", _("Export")
    IMPORT_PREVIEW = "import_preview", _("Import preview")
    IMPORT_CONFIRM = "import_confirm", _("Import confirmed")
    PERSONAL_DATA = "personal_data", _("Unmasked personal data shown")
    ADMIN_CHANGE = "admin_change", _("Change in the admin site")
    WARNING = "warning", _("Security warning")
    LOG_PRUNED = "log_pruned", _("Security log pruned")


class SecurityOutcome(models.TextChoices):
    SUCCESS = "success", _("Succeeded")
    FAILURE = "failure", _("Failed")
    REFUSED = "refused", _("Refused")


@dataclass(frozen=True)
class SecurityEventData:
    """One event as the receivers get it: plain values, the details already JSON."""

    kind: str
    at: Any
    user_id: int | None
    username: str
    ip_address: str | None
    path: str
    outcome: str
    details: dict


@dataclass
class _RequestScope:
    request: Any
    events: list[SecurityEventData] = field(default_factory=list)
    # model label -> ids of the records shown unmasked, and which fields.
    unmasked: dict[str, set] = field(default_factory=lambda: defaultdict(set))
    unmasked_fields: set[str] = field(default_factory=set)


_scope: contextvars.ContextVar[_RequestScope | None] = contextvars.ContextVar(
    "portal_security_scope", default=None
)


def record(
    kind: str,
    *,
    request=None,
    user=None,
    username: str = "",
    outcome: str = SecurityOutcome.SUCCESS,
    **details,
) -> None:
    """Record a security event of ``kind`` by ``user`` (the request's user by default), with
    JSON-able ``details``. Never raises: a failure is logged and the caller goes on."""
    try:
        scope = _scope.get()
        if request is None and scope is not None:
            request = scope.request
        event = _event(kind, request, user, username, outcome, details)
        if scope is not None:
            scope.events.append(event)
        else:
            _emit(event)
    except Exception:
        logger.exception("Could not record the security event %s", kind)


def note_unmasked(viewer, obj, fields: Iterable[str]) -> None:
    """``viewer`` is being shown ``fields`` of ``obj`` (a model instance) in full. Within a
    request, one event at its end lists every record so shown; elsewhere, one event now."""
    try:
        if viewer is None or not getattr(viewer, "is_authenticated", False):
            return
        label, pk = obj._meta.label_lower, obj.pk
        scope = _scope.get()
        if scope is not None and getattr(scope.request, "user", None) == viewer:
            scope.unmasked[label].add(pk)
            scope.unmasked_fields.update(fields)
            return
        record(
            SecurityKind.PERSONAL_DATA,
            user=viewer,
            records={label: [pk]},
            count=1,
            fields=sorted(fields),
        )
    except Exception:
        logger.exception("Could not note personal data shown in full")


def _event(kind, request, user, username, outcome, details) -> SecurityEventData:
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    if user is not None and not username:
        username = user.get_username()
    return SecurityEventData(
        kind=str(kind),
        at=timezone.now(),
        user_id=user.pk if user is not None else None,
        username=str(username or "")[:150],
        ip_address=_client_ip(request),
        path=request.get_full_path()[:_MAX_PATH] if request is not None else "",
        outcome=str(outcome),
        # Coerced now, so an odd value fails here (and is logged) rather than when written.
        details=json.loads(json.dumps(details, cls=DjangoJSONEncoder, default=str)),
    )


def _client_ip(request) -> str | None:
    if request is None:
        return None
    address = getattr(request, "axes_ip_address", None)
    if not address:
        # The same reading of proxies' headers as the sign-in lockout's.
        from axes.helpers import get_client_ip_address

        address = get_client_ip_address(request)
    return address or None


def _emit(event: SecurityEventData) -> None:
    for receiver, result in security_event.send_robust(sender=SecurityEventData, event=event):
        if isinstance(result, Exception):
            logger.error(
                "Could not keep the security event %s (%s)",
                event.kind,
                getattr(receiver, "__qualname__", receiver),
                exc_info=result,
            )


def _flush(scope: _RequestScope, response) -> None:
    request = scope.request
    status = getattr(response, "status_code", None)
    kinds = {event.kind for event in scope.events}
    if status == 403:
        reason = getattr(request, "_security_refusal", "")
        match = getattr(request, "resolver_match", None)
        record(
            SecurityKind.PERMISSION_DENIED,
            request=request,
            outcome=SecurityOutcome.REFUSED,
            view=match.view_name if match else "",
            method=request.method,
            reason=reason,
        )
    elif status == 429 and SecurityKind.LOCKOUT not in kinds:
        # A sign-in refused while its username and address (or the address) are locked out.
        record(
            SecurityKind.LOCKOUT,
            request=request,
            username=request.POST.get("username", "") if request.method == "POST" else "",
            outcome=SecurityOutcome.REFUSED,
            address_throttled=bool(getattr(request, "portal_address_throttled", False)),
            while_locked=True,
        )
    if scope.unmasked:
        records = {label: sorted(ids)[:MAX_RECORD_IDS] for label, ids in scope.unmasked.items()}
        record(
            SecurityKind.PERSONAL_DATA,
            request=request,
            records=records,
            count=sum(len(ids) for ids in scope.unmasked.values()),
            fields=sorted(scope.unmasked_fields),
        )
    for event in scope.events:
        _emit(event)


class SecurityRequestMiddleware:
    """Holds a request's security events until its response is ready, then keeps them;
    records 403 and 429 responses and the personal data the request showed in full."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        scope = _RequestScope(request)
        token = _scope.set(scope)
        response = None
        try:
            response = self.get_response(request)
        finally:
            _scope.reset(token)
            try:
                _flush(scope, response)
            except Exception:
                logger.exception("Could not record the security events of %s", request.path)
        return response

    def process_exception(self, request, exception):
        # The refusal's own words, when a view or service gave any, go with the 403's event.
        if isinstance(exception, PermissionDenied) and str(exception):
            request._security_refusal = str(exception)[:_MAX_TEXT]
        return None


class SecurityLogHandler(logging.Handler):
    """Puts the records of the ``portal.security`` logger into the security log, as
    warnings with their message, level and logger name."""

    def emit(self, log_record: logging.LogRecord) -> None:
        try:
            message = log_record.getMessage()[:_MAX_TEXT]
        except Exception:
            self.handleError(log_record)
            return
        record(
            SecurityKind.WARNING,
            outcome=SecurityOutcome.FAILURE
            if log_record.levelno >= logging.WARNING
            else SecurityOutcome.SUCCESS,
            message=message,
            level=log_record.levelname,
            logger=log_record.name,
        )
