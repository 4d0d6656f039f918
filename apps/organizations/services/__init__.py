"""Writes to the organization tree. Views, the admin, imports and commands all call these.

Split by what they write; every write follows ``_writes`` (permission, scope, validation
next to the fields, an audited save in one transaction).
"""

from apps.organizations.services.brigades import (
    brigade_create,
    brigade_delete,
    brigade_rename,
    brigades_seed_for,
    squad_create,
    squad_delete,
    squad_rename,
)
from apps.organizations.services.committees import (
    CHIEF_COUNSELOR_FIELDS,
    COMMITTEE_FIELDS,
    MEMBER_FIELDS,
    chief_counselor_post_delete,
    chief_counselor_post_save,
    committee_create,
    committee_delete,
    committee_update,
    member_create,
    member_delete,
    member_update,
)
from apps.organizations.services.divisions import DivisionLoadResult, divisions_load
from apps.organizations.services.schools import (
    COUNT_FIELDS,
    SCHOOL_FIELDS,
    NewSchools,
    school_check_new,
    school_create,
    school_delete,
    school_resize,
    school_update,
)

__all__ = [
    "CHIEF_COUNSELOR_FIELDS",
    "COMMITTEE_FIELDS",
    "COUNT_FIELDS",
    "MEMBER_FIELDS",
    "SCHOOL_FIELDS",
    "DivisionLoadResult",
    "NewSchools",
    "brigade_create",
    "brigade_delete",
    "brigade_rename",
    "brigades_seed_for",
    "chief_counselor_post_delete",
    "chief_counselor_post_save",
    "committee_create",
    "committee_delete",
    "committee_update",
    "divisions_load",
    "member_create",
    "member_delete",
    "member_update",
    "school_check_new",
    "school_create",
    "school_delete",
    "school_resize",
    "school_update",
    "squad_create",
    "squad_delete",
    "squad_rename",
]
