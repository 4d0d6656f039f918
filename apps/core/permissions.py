"""URL rules of the portal's own pages (the public home, the health check, the language switch
and the admin), ``perm_enum``, which names an area's permission codenames,
``resource_rules``, the rules of a row's standard pages, ``page_rules``, one rule for several
pages of a row, and ``reads_and_writes``, which splits them between an area's readers and its
staff."""

import sys
from collections.abc import Iterable, Mapping
from enum import StrEnum

from apps.core.access import ADMIN_SITE, PUBLIC, Rule, has_perm

URL_RULES: dict[str, Rule] = {
    "core:home": PUBLIC,
    # Health for a load balancer: says only whether the database and the worker answer.
    "core:healthz": PUBLIC,
    "set-language": PUBLIC,
    # The admin site enforces is_staff and model permissions; its ModelAdmins enforce scope.
    "admin:*": ADMIN_SITE,
}


def perm_enum(
    app_label: str,
    models: Mapping[str, str | tuple[str, str]] | None = None,
    *,
    actions: str = "view add change",
    **codenames: str,
) -> type[StrEnum]:
    """An area's ``Perm`` enum (codenames as an Enum, never raw strings): for each
    ``NAME: model`` of ``models`` and each of ``actions``, ``ACTION_NAME`` is
    ``"<app_label>.<action>_<model>"`` (the permissions Django makes for a model); a model
    given as ``NAME: (model, "view add")`` is named with those actions instead. Each other
    keyword names one more codename (``ISSUE="issue_document"``)."""
    members: dict[str, str] = {}
    for name, declared in (models or {}).items():
        model, model_actions = declared if isinstance(declared, tuple) else (declared, actions)
        for action in model_actions.split():
            members[f"{action.upper()}_{name}"] = f"{app_label}.{action}_{model}"
    members.update({name: f"{app_label}.{codename}" for name, codename in codenames.items()})
    # Named after the calling module, as a class statement there would be.
    return StrEnum("Perm", members, module=sys._getframe(1).f_globals["__name__"])


# The permission each standard page of a row (apps/core/routes.py) asks for.
PAGE_ACTIONS = {
    "list": "VIEW",
    "detail": "VIEW",
    "create": "ADD",
    "update": "CHANGE",
    "delete": "DELETE",
}


def resource_rules(name: str, perms: type[StrEnum], model: str, *pages: str) -> dict[str, Rule]:
    """The rules of the standard ``pages`` of ``name`` rows (``"<namespace>:<name>"``, as
    ``resource_urls`` names them): a list or a row's page asks for ``VIEW_<model>``, a new
    row ``ADD_<model>``, a change ``CHANGE_<model>``, a removal ``DELETE_<model>``."""
    return {f"{name}-{page}": has_perm(perms[f"{PAGE_ACTIONS[page]}_{model}"]) for page in pages}


def page_rules(rule: Rule, name: str, *pages: str) -> dict[str, Rule]:
    """``rule`` for each of the ``pages`` of ``name`` (``"<namespace>:<name>-<page>"``): the
    pages of one row or list that ask for the same right (``"funding:allocation"``'s
    ``"approve"`` and ``"return"``), declared together."""
    return {f"{name}-{page}": rule for page in pages}


def reads_and_writes(
    perms: Iterable[str], *, staff_only: Iterable[str] = (), withheld: Iterable[str] = ()
) -> dict[str, list[str]]:
    """An area's permissions split into what its readers hold and what its staff add:
    ``read``, every ``view_`` permission but ``staff_only``; ``write``, every other one and
    ``staff_only``, less ``withheld`` (left to the area's administrators)."""
    staff_only, withheld = {str(p) for p in staff_only}, {str(p) for p in withheld}

    def reads(name: str) -> bool:
        return name.split(".", 1)[1].startswith("view_") and name not in staff_only

    names = [str(p) for p in perms if str(p) not in withheld]
    return {
        "read": [name for name in names if reads(name)],
        "write": [name for name in names if not reads(name)],
    }
