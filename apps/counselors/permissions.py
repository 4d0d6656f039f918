"""Permissions of the counselors app: codenames, URL rules and what each role holds."""

from enum import StrEnum

from apps.core.access import Rule


class Perm(StrEnum):
    pass


URL_RULES: dict[str, Rule] = {}

ROLE_PERMISSIONS: dict[str, list[str]] = {}
