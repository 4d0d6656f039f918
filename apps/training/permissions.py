"""Permissions of the training app: codenames, URL rules and what each role holds."""

from enum import StrEnum

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm
from apps.core.permissions import page_rules, perm_enum, resource_rules
from apps.core.scope import code_prefix

Perm = perm_enum(
    "training",
    {
        "PLAN": "trainingplan",
        "COURSE": "course",
        "ATTENDANCE": "attendance",
        "PLAN_TARGET": ("plantarget", "view add change"),
    },
    actions="view add change delete",
)


def is_province_level(user) -> bool:
    """Users whose scope is the whole province (or a scope-less superuser)."""
    if user.school_id is not None:
        return False
    if user.division_id is None:
        return user.is_superuser
    return user.division_id.endswith("0000")


def holds_division(user, code: str) -> bool:
    """Whether the user's own scope holds the whole of division ``code``: staff of that
    division or above it (a school account holds no division; a scope-less superuser all)."""
    if user.school_id is not None:
        return False
    if user.division_id is None:
        return user.is_superuser
    return code.startswith(code_prefix(user.division_id))


def can_change_course(user, course) -> bool:
    """Courses are shared: only staff holding the course's owning division change or delete
    it (a provincial course, province-level staff only)."""
    return user.has_perm(Perm.CHANGE_COURSE) and holds_division(user, course.owner_code)


def can_add_course(user) -> bool:
    """Division staff add courses, owned by their division (a school account holds none)."""
    return user.has_perm(Perm.ADD_COURSE) and (
        user.division_id is not None or (user.is_superuser and user.school_id is None)
    )


def province_level_with(*perms: StrEnum) -> Rule:
    """Province-level users holding every one of ``perms`` (plans are provincial documents)."""
    names = [str(p) for p in perms]
    return Rule(
        "province level, has " + ", ".join(names),
        lambda user: is_province_level(user) and user.has_perms(names),
    )


URL_RULES: dict[str, Rule] = {
    **resource_rules("training:plan", Perm, "PLAN", "list", "detail"),
    "training:plan-create": province_level_with(Perm.ADD_PLAN),
    "training:plan-update": province_level_with(Perm.CHANGE_PLAN),
    **resource_rules("training:course", Perm, "COURSE", "list", "detail"),
    "training:course-create": Rule("division staff, has " + Perm.ADD_COURSE, can_add_course),
    "training:course-update": has_perm(Perm.CHANGE_COURSE),
    "training:attendance-create": has_perm(Perm.ADD_ATTENDANCE),
    **page_rules(has_perm(Perm.ADD_ATTENDANCE), "training:attendance", "import", "import-template"),
}

_READ_REFERENCE = [Perm.VIEW_PLAN, Perm.VIEW_PLAN_TARGET, Perm.VIEW_COURSE]

# Plans and courses are provincial reference data every staff member reads; attendance
# names people, so only those who keep or review counselor records read it.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROVINCIAL_ADMIN: ["training.*"],
    Role.EDUCATION: [
        *_READ_REFERENCE,
        Perm.ADD_PLAN,
        Perm.CHANGE_PLAN,
        Perm.ADD_COURSE,
        Perm.CHANGE_COURSE,
        Perm.VIEW_ATTENDANCE,
        Perm.ADD_ATTENDANCE,
        Perm.CHANGE_ATTENDANCE,
        Perm.VIEW_PLAN_TARGET,
        Perm.ADD_PLAN_TARGET,
        Perm.CHANGE_PLAN_TARGET,
    ],
    Role.LEAGUE: [*_READ_REFERENCE, Perm.VIEW_ATTENDANCE],
    Role.INSPECTOR: _READ_REFERENCE,
    Role.OFFICIAL: _READ_REFERENCE,
}
