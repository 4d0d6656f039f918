"""A training plan names the issued policy document that set it (《2014-2017年云南省少先队
辅导员培训规划》...): only an issued document can be chosen, in the portal's plan form and in
the admin alike, both through the training services; the plan's page links to the document's
public page, and the document cannot be deleted while a plan rests on it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from apps.accounts.choices import Role
from apps.core import clock
from apps.documents.choices import BodyKind, DocumentKind
from apps.training.forms import TrainingPlanForm
from apps.training.models import TrainingPlan
from apps.training.services import (
    training_plan_create,
    training_plan_update,
    training_plans_link_documents,
)
from tests.documents.conftest import body, issue, make_draft
from tests.factories import UserFactory, division

PLAN_2014 = "2014-2017年云南省少先队辅导员培训规划"
PLAN_2018 = "2018-2022年云南省少先队辅导员五年培训规划"
ISSUERS = "云南省教育厅、共青团云南省委、云南省少工委"


@pytest.fixture
def plan_documents(divisions):
    """The 2014 plan's document, issued, and the 2018 plan's, still a draft."""
    office = UserFactory(role=Role.PROVINCIAL_ADMIN, division=division("530000"))
    bodies = {
        "office": body(
            "云南省少先队工作委员会办公室",
            "省少工委办公室",
            BodyKind.COMMITTEE_OFFICE,
            Role.PROVINCIAL_ADMIN,
        )
    }
    issued = make_draft(office, bodies, co_issuers=(), title=PLAN_2014, kind=DocumentKind.PLAN)
    with clock.travel(datetime.date(2014, 3, 10)):
        issued = issue(issued, office, number="云少工委发〔2014〕5号")
    draft = make_draft(office, bodies, co_issuers=(), title=PLAN_2018, kind=DocumentKind.PLAN)
    return {"issued": issued, "draft": draft, "office": office}


def _plan(actor, name=PLAN_2014, start=2014, end=2017, **data) -> TrainingPlan:
    return training_plan_create(
        actor=actor,
        name=name,
        start_year=start,
        end_year=end,
        issuing_body=ISSUERS,
        target_total=1000,
        **data,
    )


def _form_data(plan: TrainingPlan, **changes) -> dict:
    data = {
        "name": plan.name,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "issuing_body": plan.issuing_body,
        "target_total": plan.target_total,
        "document": plan.document_id or "",
        "version": plan.version,
    }
    return {**data, **changes}


def test_a_plan_names_the_issued_document_that_set_it(edu_province, plan_documents):
    issued = plan_documents["issued"]

    plan = _plan(edu_province, document=issued)

    plan.refresh_from_db()
    assert plan.document == issued
    assert list(issued.training_plans.all()) == [plan]
    # and its history says so, naming who linked it
    entry = plan.history.latest()
    assert (entry.document_id, entry.history_user) == (issued.pk, edu_province)


def test_a_document_not_issued_yet_cannot_have_set_a_plan(edu_province, plan_documents):
    plan = _plan(edu_province)

    with pytest.raises(ValidationError) as refused:
        training_plan_update(actor=edu_province, plan=plan, document=plan_documents["draft"])

    assert "document" in refused.value.message_dict
    plan.refresh_from_db()
    assert plan.document is None


def test_the_plan_form_offers_issued_documents_only(plan_documents):
    choices = [value for value, _label in TrainingPlanForm().fields["document"].choices if value]

    assert [choice.value for choice in choices] == [plan_documents["issued"].pk]
    assert not TrainingPlanForm().fields["document"].required


def test_province_staff_link_the_document_in_the_plan_form(login, edu_province, plan_documents):
    plan = _plan(edu_province)
    client = login(edu_province)
    url = reverse("training:plan-update", args=[plan.pk])

    # a draft is not a choice: the form says so next to the field and nothing is saved
    refused = client.post(url, _form_data(plan, document=plan_documents["draft"].pk))
    assert refused.status_code == 200
    assert "document" in refused.context["form"].errors
    plan.refresh_from_db()
    assert plan.document is None

    # the issued document is saved with the plan, by the plan service
    response = client.post(url, _form_data(plan, document=plan_documents["issued"].pk))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.document, plan.updated_by) == (plan_documents["issued"], edu_province)


def test_the_plan_page_links_to_the_documents_public_page(login, edu_province, plan_documents):
    issued = plan_documents["issued"]
    linked = _plan(edu_province, document=issued)
    unlinked = _plan(edu_province, name=PLAN_2018, start=2018, end=2022)
    client = login(edu_province)

    html = client.get(reverse("training:plan-detail", args=[linked.pk])).content.decode()

    public_url = reverse("documents:public-document-detail", args=[issued.pk])
    assert f'<a href="{public_url}">{issued}</a>' in html
    # which anyone may open, signed in or not
    page = Client().get(public_url)
    assert page.status_code == 200
    assert issued.title in page.content.decode()
    # a plan without a document says so
    other = client.get(reverse("training:plan-detail", args=[unlinked.pk])).content.decode()
    assert 'data-document=""' in other
    assert public_url not in other


def test_the_admin_links_the_document_through_the_plan_service(
    login, province_admin, plan_documents
):
    plan = _plan(province_admin)
    client = login(province_admin)
    url = f"/admin/training/trainingplan/{plan.pk}/change/"

    form = client.get(url).context["adminform"].form
    offered = [value for value, _label in form.fields["document"].choices if value]
    assert [choice.value for choice in offered] == [plan_documents["issued"].pk]

    response = client.post(url, _form_data(plan, document=plan_documents["issued"].pk))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.document, plan.updated_by) == (plan_documents["issued"], province_admin)


def test_a_document_a_plan_rests_on_cannot_be_deleted(edu_province, plan_documents):
    _plan(edu_province, document=plan_documents["issued"])

    with pytest.raises(ProtectedError):
        plan_documents["issued"].delete()


def test_plans_are_linked_by_name_to_their_documents_once_issued(province_admin, plan_documents):
    # given the demo's two plans (the training demo seeds before the documents')
    first = _plan(province_admin)
    second = _plan(province_admin, name=PLAN_2018, start=2018, end=2022)

    # when the plans are linked: the 2014 plan to its issued document, not the 2018 one
    assert training_plans_link_documents(actor=province_admin) == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.document, second.document) == (plan_documents["issued"], None)
    # again, nothing changes
    assert training_plans_link_documents(actor=province_admin) == []

    # and once the 2018 plan's document is issued, it is linked too
    issue(plan_documents["draft"], plan_documents["office"])
    assert training_plans_link_documents(actor=province_admin) == [second]
    second.refresh_from_db()
    assert second.document == plan_documents["draft"]


def test_only_province_staff_link_plans_to_documents(edu_kunming, plan_documents):
    with pytest.raises(PermissionDenied):
        training_plans_link_documents(actor=edu_kunming)


def test_the_demo_plan_names_its_issued_document(divisions):
    # given the demo seeded in its order, up to the training plans
    import io
    import random

    from apps.core import registry

    needed = {"organizations", "accounts", "counselors", "documents", "training"}
    rng = random.Random(2018)
    for seeder in registry.demo_seeders():
        if seeder.label in needed:
            seeder.seed(rng=rng, stdout=io.StringIO())

    # then the 2014-2017 plan rests on its issued document, and the 2018-2022 plan, whose
    # document is still in countersigning, names none yet
    first = TrainingPlan.objects.get(start_year=2014)
    assert first.document is not None
    assert first.document.title == first.name
    assert TrainingPlan.objects.get(start_year=2018).document is None
