"""``perm_enum`` and ``reads_and_writes``: an area's permission codenames as an Enum, split
between its readers and its staff; ``resource_rules`` and ``page_rules``, the rules of a row's
pages; and every area's names exist."""

import pytest
from django.contrib.auth.models import Permission

from apps.core.access import PUBLIC, has_perm
from apps.core.permissions import page_rules, perm_enum, reads_and_writes, resource_rules
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


def test_a_model_given_with_its_own_actions_is_named_with_those_only():
    Perm = perm_enum(
        "funding",
        {
            "PROGRAM": "program",
            "RECEIPT": ("usagereceipt", "view"),
            "ENVELOPE": ("envelope", "view add"),
        },
        APPROVE_ALLOCATION="approve_allocation",
    )

    assert {p.name: str(p) for p in Perm} == {
        "VIEW_PROGRAM": "funding.view_program",
        "ADD_PROGRAM": "funding.add_program",
        "CHANGE_PROGRAM": "funding.change_program",
        "VIEW_RECEIPT": "funding.view_usagereceipt",
        "VIEW_ENVELOPE": "funding.view_envelope",
        "ADD_ENVELOPE": "funding.add_envelope",
        "APPROVE_ALLOCATION": "funding.approve_allocation",
    }


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


def test_pages_that_ask_for_one_right_share_its_rule():
    Perm = perm_enum("funding", {"ALLOCATION": ("allocation", "view add")})
    approve = has_perm(Perm.ADD_ALLOCATION)

    rules = {
        **page_rules(approve, "funding:allocation", "approve", "return"),
        **page_rules(PUBLIC, "funding:public-program", "list"),
    }

    assert rules == {
        "funding:allocation-approve": approve,
        "funding:allocation-return": approve,
        "funding:public-program-list": PUBLIC,
    }
