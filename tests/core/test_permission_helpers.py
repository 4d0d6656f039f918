"""``perm_enum`` and ``reads_and_writes``: an area's permission codenames as an Enum, split
between its readers and its staff; and every area's names exist."""

import pytest
from django.contrib.auth.models import Permission

from apps.core.permissions import perm_enum, reads_and_writes, resource_rules
from apps.core.registry import areas


def test_it_names_each_models_permissions_and_the_areas_own():
    Perm = perm_enum(
        "documents",
        {"DOCUMENT": "document", "BODY": "issuingbody"},
        actions="view add",
        ISSUE="issue_document",
    )

    assert {p.name: str(p) for p in Perm} == {
        "VIEW_DOCUMENT": "documents.view_document",
        "ADD_DOCUMENT": "documents.add_document",
        "VIEW_BODY": "documents.view_issuingbody",
        "ADD_BODY": "documents.add_issuingbody",
        "ISSUE": "documents.issue_document",
    }
    assert Perm.ISSUE == "documents.issue_document"
    # named after the module that declares it, as a class statement there would be
    assert Perm.__module__ == __name__


@pytest.mark.django_db
def test_every_areas_permission_names_exist():
    existing = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    named = []
    for area in areas():
        perm = getattr(area.optional_module("permissions"), "Perm", None)
        named += [str(p) for p in perm or ()]

    assert "transition.delete_handoff" in named and "documents.view_issuingbody" in named
    assert [name for name in named if name not in existing] == []


def test_readers_hold_the_view_permissions_and_staff_the_rest_but_what_is_withheld():
    Perm = perm_enum(
        "documents",
        {"DOCUMENT": "document", "BODY": "issuingbody"},
        VIEW_COMMENTS="view_comments",
        ISSUE="issue_document",
    )

    split = reads_and_writes(
        Perm, staff_only=[Perm.VIEW_COMMENTS], withheld=[Perm.ADD_BODY, Perm.CHANGE_BODY]
    )

    assert split == {
        "read": ["documents.view_document", "documents.view_issuingbody"],
        "write": [
            "documents.add_document",
            "documents.change_document",
            "documents.view_comments",
            "documents.issue_document",
        ],
    }


def test_a_rows_standard_pages_ask_for_the_permission_each_needs():
    Perm = perm_enum("transition", {"PILOT": "pilot"}, actions="view add change delete")

    rules = resource_rules("transition:pilot", Perm, "PILOT", "list", "detail", "create", "update")
    removal = resource_rules("transition:pilot", Perm, "PILOT", "delete")

    assert {name: rule.label for name, rule in {**rules, **removal}.items()} == {
        "transition:pilot-list": "has transition.view_pilot",
        "transition:pilot-detail": "has transition.view_pilot",
        "transition:pilot-create": "has transition.add_pilot",
        "transition:pilot-update": "has transition.change_pilot",
        "transition:pilot-delete": "has transition.delete_pilot",
    }
    with pytest.raises(KeyError):
        resource_rules("transition:pilot", Perm, "MILESTONE", "list")
