"""A school's Young Pioneer brigades (大队) and squads (中队), kept as rows.

Commendations of advanced collectives and pairing point at these rows. The school's
``brigade_count`` and ``squad_count`` are only a cache of them (for province-scale lists and
indicators): every service below recounts the school after its change, with the school row
locked so two writers cannot leave a wrong count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.audit import bulk_create_audited
from apps.organizations.choices import SchoolType
from apps.organizations.models import Brigade, School, Squad
from apps.organizations.permissions import Perm
from apps.organizations.services._writes import (
    Edit,
    Placement,
    delete_audited,
    require_perm,
    save_audited,
    stored_in_scope,
    update_in_scope,
)

if TYPE_CHECKING:
    from apps.accounts.models import User

# The most rows of either kind a school can have (the cache is a small integer).
MAX_COUNT = 32767
BRIGADE_PLACEMENT: dict[str, Placement] = {
    "brigade_unique_name_in_school": lambda brigade: {
        "name": gettext_lazy("This school already has a brigade with this name.")
    },
}
SQUAD_PLACEMENT: dict[str, Placement] = {
    "squad_unique_name_in_brigade": lambda squad: {
        "name": gettext_lazy("This brigade already has a squad with this name.")
    },
}
BRIGADE_EDIT = Edit(Perm.CHANGE_BRIGADE, ("name",), BRIGADE_PLACEMENT)
SQUAD_EDIT = Edit(Perm.CHANGE_SQUAD, ("name",), SQUAD_PLACEMENT)
# Young Pioneers are children of 6 to 14: the grades of each kind of school they are in.
GRADES = {
    SchoolType.PRIMARY: ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"],
    SchoolType.NINE_YEAR: [
        *("一年级", "二年级", "三年级", "四年级", "五年级", "六年级"),
        *("七年级", "八年级", "九年级"),
    ],
    SchoolType.JUNIOR: ["七年级", "八年级", "九年级"],
    SchoolType.COMPLETE: ["七年级", "八年级", "九年级"],
}


def brigade_name(number: int) -> str:
    """The name a school's ``number``-th brigade gets when it is created for a count."""
    return "少先队大队" if number == 1 else f"少先队第{number}大队"


def squad_names(school_type: str, count: int) -> list[str]:
    """``count`` squads named after the classes of a school of ``school_type``, spread over
    its grades as evenly as they go (三年级（2）班中队)."""
    grades = GRADES.get(school_type, GRADES[SchoolType.PRIMARY])
    per_grade, extra = divmod(count, len(grades))
    return [
        f"{grade}（{number}）班中队"
        for index, grade in enumerate(grades)
        for number in range(1, per_grade + (index < extra) + 1)
    ]


def _next_names(taken: Iterable[str], count: int, pattern) -> list[str]:
    taken = set(taken)
    names, number = [], 1
    while len(names) < count:
        if pattern(number) not in taken:
            names.append(pattern(number))
        number += 1
    return names


def _lock(school_id: int) -> School:
    """The school row, locked until the transaction ends, so its recount is exact."""
    return School.objects.select_for_update().get(pk=school_id)


def _recount(school: School) -> School:
    """Refresh the school's cached counts from its rows (no history: they are derived)."""
    school.brigade_count = Brigade.objects.filter(school=school).count()
    school.squad_count = Squad.objects.filter(brigade__school=school).count()
    School.objects.filter(pk=school.pk).update(
        brigade_count=school.brigade_count, squad_count=school.squad_count
    )
    return school


def _counted(school_id: int) -> None:
    _recount(School(pk=school_id))


# One row at a time (the school page and the admin) -------------------------------------


def _school_id(row: School | Brigade | Squad) -> int:
    return row.pk if isinstance(row, School) else row.school.pk


@transaction.atomic
def _add(actor: User, perm: Perm, parent: School | Brigade, row: Brigade | Squad, placement):
    """Add ``row`` to ``parent`` (in the actor's scope) and recount the school."""
    require_perm(actor, perm)
    school_id = _school_id(stored_in_scope(type(parent), actor, parent.pk))
    _lock(school_id)
    save_audited(row, actor, placement)
    _counted(school_id)
    return row


@transaction.atomic
def _remove(actor: User, perm: Perm, row: Brigade | Squad) -> None:
    """Remove ``row`` (in the actor's scope) and recount the school; a brigade only once
    it has no squads (they would go with it)."""
    require_perm(actor, perm)
    stored = stored_in_scope(type(row), actor, row.pk)
    school_id = _school_id(stored)
    _lock(school_id)
    if isinstance(stored, Brigade) and stored.squads.exists():
        raise ValidationError(_("This brigade still has squads: remove them first."), code="squads")
    delete_audited(stored, actor)
    _counted(school_id)


def brigade_create(*, actor: User, school: School, name: str) -> Brigade:
    """Education staff add a brigade to a school inside their scope."""
    brigade = Brigade(school=school, name=name)
    return _add(actor, Perm.ADD_BRIGADE, school, brigade, BRIGADE_PLACEMENT)


def brigade_rename(
    *, actor: User, brigade: Brigade, name: str, seen_version: int | None = None
) -> Brigade:
    """Education staff rename a brigade of a school inside their scope."""
    return update_in_scope(actor, brigade, {"name": name}, BRIGADE_EDIT, seen_version=seen_version)


def brigade_delete(*, actor: User, brigade: Brigade) -> None:
    """Education staff remove a brigade entered by mistake; refused while it has squads
    or while other records (commendations, pairing) point at it."""
    _remove(actor, Perm.DELETE_BRIGADE, brigade)


def squad_create(*, actor: User, brigade: Brigade, name: str) -> Squad:
    """Education staff add a squad (a class) to a brigade inside their scope."""
    return _add(actor, Perm.ADD_SQUAD, brigade, Squad(brigade=brigade, name=name), SQUAD_PLACEMENT)


def squad_rename(*, actor: User, squad: Squad, name: str, seen_version: int | None = None) -> Squad:
    """Education staff rename a squad inside their scope (a class moving up a grade)."""
    return update_in_scope(actor, squad, {"name": name}, SQUAD_EDIT, seen_version=seen_version)


def squad_delete(*, actor: User, squad: Squad) -> None:
    """Education staff remove a squad; refused while other records point at it."""
    _remove(actor, Perm.DELETE_SQUAD, squad)


# A whole school at once (the school form and imports) ----------------------------------


def count_errors(brigade_count, squad_count) -> dict[str, list[str]]:
    """Why ``brigade_count`` brigades and ``squad_count`` squads cannot be, by field."""
    errors: dict[str, list[str]] = {}
    for name, value in (("brigade_count", brigade_count), ("squad_count", squad_count)):
        if not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
            errors[name] = [_("Enter a whole number from 0 to %(max)s.") % {"max": MAX_COUNT}]
    if not errors and squad_count and not brigade_count:
        errors["brigade_count"] = [_("Squads belong to a brigade: a school with squads needs one.")]
    return errors


def resize(*, actor: User, school: School, brigade_count: int, squad_count: int) -> School:
    """Give ``school`` exactly that many brigades and squads: new rows get default names,
    surplus ones go newest first. The caller checks the actor's right and scope."""
    _lock(school.pk)
    errors = count_errors(brigade_count, squad_count)
    if errors:
        raise ValidationError(errors)
    brigades = list(Brigade.objects.filter(school=school).order_by("id"))
    if len(brigades) < brigade_count:
        names = _next_names((b.name for b in brigades), brigade_count - len(brigades), brigade_name)
        brigades += bulk_create_audited(
            Brigade, [Brigade(school=school, name=name) for name in names], actor=actor
        )
    kept, surplus = brigades[:brigade_count], brigades[brigade_count:]
    squads = list(Squad.objects.filter(brigade__school=school).order_by("id"))
    _delete_rows(squads[squad_count:], actor, field="squad_count")
    _add_squads(kept, squad_count - len(squads), actor)
    if Squad.objects.filter(brigade__in=surplus).exists():
        raise ValidationError(
            {
                "brigade_count": _(
                    "A brigade to remove still has squads: remove them on the school's page first."
                )
            }
        )
    _delete_rows(reversed(surplus), actor, field="brigade_count")
    return _recount(school)


def _delete_rows(rows: Iterable[Brigade | Squad], actor: User, *, field: str) -> None:
    for row in rows:
        try:
            delete_audited(row, actor)
        except ValidationError as error:
            raise ValidationError({field: error.messages}) from error


def _add_squads(brigades: Sequence[Brigade], count: int, actor: User) -> None:
    """``count`` new squads, each to the brigade that has fewest (with one brigade, all to it)."""
    if count <= 0:
        return
    taken: dict[int, list[str]] = {b.pk: [] for b in brigades}
    for brigade_id, name in Squad.objects.filter(brigade__in=brigades).values_list(
        "brigade_id", "name"
    ):
        taken[brigade_id].append(name)
    new: list[Squad] = []
    for _number in range(count):
        brigade = min(brigades, key=lambda b: (len(taken[b.pk]), b.pk))
        (name,) = _next_names(taken[brigade.pk], 1, lambda n: f"第{n}中队")
        taken[brigade.pk].append(name)
        new.append(Squad(brigade=brigade, name=name))
    bulk_create_audited(Squad, new, actor=actor)


def create_units(schools: Sequence[School], *, actor: User) -> None:
    """The brigades and squads of freshly inserted ``schools`` from their counts, named as
    ``resize`` names them for a new school: 少先队大队, 少先队第2大队…, and squads 第1中队,
    第2中队… dealt to the brigades in turn. Written in bulk with their history; the
    caller checked the counts (``count_errors``) and the actor's right."""
    units = [
        Brigade(school=school, name=brigade_name(number))
        for school in schools
        for number in range(1, school.brigade_count + 1)
    ]
    bulk_create_audited(Brigade, units, actor=actor, batch_size=2000)
    by_school: dict[int, list[Brigade]] = {}
    for brigade in units:
        by_school.setdefault(brigade.school_id, []).append(brigade)
    squads = [
        Squad(
            brigade=school_units[index % len(school_units)],
            name=f"第{index // len(school_units) + 1}中队",
        )
        for school in schools
        if (school_units := by_school.get(school.pk))
        for index in range(school.squad_count)
    ]
    bulk_create_audited(Squad, squads, actor=actor, batch_size=2000)


# System data in bulk (seed_demo, seed_scale) -------------------------------------------


def brigades_seed_for(
    schools: Sequence[School], *, actor: User | None = None, history: bool = True
) -> tuple[int, int]:
    """Create the brigade and squad rows of freshly inserted ``schools`` from their
    ``brigade_count`` and ``squad_count`` (squads named after classes, split between the
    brigades by grade). For system data: no permission is checked. ``history=False``
    skips the historical rows (seed_scale's hundreds of thousands of squads). Returns
    (brigades, squads) created."""
    brigades: list[Brigade] = []
    shares: list[list[str]] = []
    for school in schools:
        names = squad_names(school.school_type, school.squad_count)
        count = school.brigade_count
        # Squads need a brigade: a school counted with squads and none gets one.
        if names and not count:
            count = school.brigade_count = 1
            School.objects.filter(pk=school.pk).update(brigade_count=1)
        size = -(-len(names) // count) if count else 0
        for number in range(1, count + 1):
            brigades.append(Brigade(school=school, name=brigade_name(number)))
            shares.append(names[(number - 1) * size : number * size])
    brigades = _bulk(Brigade, brigades, actor, history)
    squads = [
        Squad(brigade=brigade, name=name)
        for brigade, names in zip(brigades, shares, strict=True)
        for name in names
    ]
    return len(brigades), len(_bulk(Squad, squads, actor, history))


def _bulk(model, rows, actor, history: bool):
    if history:
        return bulk_create_audited(model, rows, actor=actor, batch_size=2000)
    return model.objects.bulk_create(rows, batch_size=2000)
