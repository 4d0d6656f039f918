"""The core's declaration helpers: constraint builders, the two kinds of foreign key, the
evidence bases and scope declared on the manager."""

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import F, Q
from django.test.utils import isolate_apps
from django.utils import translation

from apps.commendations.models import ObjectionLetter
from apps.core.models import (
    EvidenceFileBase,
    PartEvidenceFile,
    account_link,
    empty_exactly_when,
    evidence_constraints,
    exactly_one_of,
    not_before,
    not_negative,
    one_per,
    part_of,
    positive,
    set_exactly_when,
    status_field,
    valid_choice,
)
from apps.core.review import Decision, reason_required
from apps.core.scope import ScopedManager, ScopedQuerySet
from apps.funding.models import UsageReceipt
from apps.inbox.models import Notification
from apps.titles.models import EvidenceFile


def test_the_constraint_builders_write_the_checks_they_replace():
    assert valid_choice("status", ["a", "b"], "x_status_valid") == models.CheckConstraint(
        condition=Q(status__in=["a", "b"]), name="x_status_valid"
    )
    assert positive("amount", "x_amount_positive", "More than zero.") == models.CheckConstraint(
        condition=Q(amount__gt=0),
        name="x_amount_positive",
        violation_error_message="More than zero.",
    )
    assert not_negative("hours", "x_hours") == models.CheckConstraint(
        condition=Q(hours__gte=0), name="x_hours"
    )
    assert not_before("end_date", "start_date", "x_order") == models.CheckConstraint(
        condition=Q(end_date__gte=F("start_date")), name="x_order"
    )


def test_an_order_of_dates_holds_while_either_date_is_empty():
    constraint = not_before("until", "since", "x", "Ends too soon.", optional=["until", "since"])

    assert constraint == models.CheckConstraint(
        condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=F("since")),
        name="x",
        violation_error_message="Ends too soon.",
    )


def test_one_of_two_fields_is_set_and_never_both():
    assert exactly_one_of("school", "committee", "x") == models.CheckConstraint(
        condition=Q(school__isnull=False, committee__isnull=True)
        | Q(school__isnull=True, committee__isnull=False),
        name="x",
    )


def test_one_row_per_combination_and_among_the_matching_rows_only():
    assert one_per(["plan", "prefecture"], "x") == models.UniqueConstraint(
        fields=["plan", "prefecture"], name="x"
    )
    assert one_per(["round", "key"], "y", "Already there.", when={"live": True}) == (
        models.UniqueConstraint(
            fields=["round", "key"],
            condition=Q(live=True),
            name="y",
            violation_error_message="Already there.",
        )
    )


def test_a_column_set_or_empty_exactly_when_the_row_matches():
    assert set_exactly_when("decided_on", {"status": "final"}, "x") == models.CheckConstraint(
        condition=Q(status="final", decided_on__isnull=False)
        | Q(~Q(status="final"), decided_on__isnull=True),
        name="x",
    )
    assert empty_exactly_when("parent", {"level": "province"}, "y") == models.CheckConstraint(
        condition=Q(level="province", parent__isnull=True)
        | Q(~Q(level="province"), parent__isnull=False),
        name="y",
    )


def test_a_status_field_takes_its_choices_and_default():
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"

    field = status_field(Status, default=Status.OPEN)
    short = status_field(Status, default=Status.OPEN, max_length=8)

    assert (field.max_length, field.choices, field.default) == (16, Status.choices, "open")
    with translation.override("en"):
        assert str(field.verbose_name) == "status"
    assert short.max_length == 8


def test_a_review_step_that_returns_or_rejects_needs_a_comment():
    constraint = reason_required("x_reason", "Give a reason.")

    assert constraint.condition == Q(decision=Decision.APPROVE) | ~Q(comment="")
    assert constraint.violation_error_message == "Give a reason."


def test_evidence_constraints_add_the_size_limit_to_the_base_checks():
    constraints = evidence_constraints(1024, "x_size_within_limit")

    assert constraints[:-1] == EvidenceFileBase.Meta.constraints
    assert constraints[-1] == models.CheckConstraint(
        condition=Q(size__lte=1024), name="x_size_within_limit"
    )


def test_a_part_evidence_file_is_an_evidence_file_unless_its_model_names_it():
    with translation.override("en"):
        assert str(EvidenceFile._meta.verbose_name_plural) == "evidence files"
        assert str(UsageReceipt._meta.verbose_name) == "usage receipt"


def test_a_part_evidence_file_keeps_its_own_history_and_a_plain_one_none():
    assert issubclass(EvidenceFile, PartEvidenceFile)
    assert EvidenceFile.history.model.__name__ == "HistoricalEvidenceFile"
    assert not hasattr(ObjectionLetter, "history")


@isolate_apps("apps.core")
def test_part_of_cascades_to_the_record_and_names_the_way_back():
    class Record(models.Model):  # noqa: DJ008
        class Meta:
            app_label = "core"

    class Part(models.Model):  # noqa: DJ008
        record = part_of(Record, "record", related_name="parts")

        class Meta:
            app_label = "core"

    field = Part._meta.get_field("record")
    assert field.remote_field.on_delete is models.CASCADE
    assert field.remote_field.related_name == "parts"
    assert not field.null


def test_a_row_that_belongs_to_a_user_goes_with_their_account():
    field = Notification._meta.get_field("recipient")

    assert field.related_model is get_user_model()
    assert field.remote_field.on_delete is models.CASCADE
    assert field.remote_field.related_name == "notifications"


@isolate_apps("apps.core")
def test_an_account_link_is_emptied_when_the_account_goes():
    class Person(models.Model):  # noqa: DJ008
        user = account_link("account", related_name="person", one_to_one=True)

        class Meta:
            app_label = "core"

    field = Person._meta.get_field("user")
    assert isinstance(field, models.OneToOneField)
    assert field.remote_field.on_delete is models.SET_NULL
    assert (field.null, field.blank, field.remote_field.related_name) == (True, True, "person")
    assert account_link("user").remote_field.related_name == "+"


@isolate_apps("apps.core")
def test_the_manager_declares_the_models_scope_paths():
    class Owned(models.Model):  # noqa: DJ008
        objects = ScopedManager(division="owner__code", school="owner_school")

        class Meta:
            app_label = "core"

    class OwnedQuerySet(ScopedQuerySet):
        pass

    class ByPaths(models.Model):  # noqa: DJ008
        objects = OwnedQuerySet.as_manager(division=("a__code", "b__code"))

        class Meta:
            app_label = "core"

    assert (Owned.scope_division_field, Owned.scope_school_field) == ("owner__code", "owner_school")
    assert ByPaths.scope_division_field == ("a__code", "b__code")
    assert not hasattr(ByPaths, "scope_school_field")
    assert isinstance(ByPaths.objects.all(), OwnedQuerySet)


@isolate_apps("apps.core")
def test_a_manager_without_paths_keeps_the_ones_declared_on_the_model():
    class Declared(models.Model):  # noqa: DJ008
        scope_division_field = "county__code"
        objects = ScopedManager()

        class Meta:
            app_label = "core"

    assert Declared.scope_division_field == "county__code"
