"""Factories for joint inspections, and a builder of a running campaign through the services."""

import datetime
from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory

from apps.accounts.choices import Role
from apps.inspections import services
from apps.inspections.choices import CircularKind, Severity, TeamBody
from apps.inspections.models import (
    Campaign,
    ChecklistItem,
    Circular,
    Finding,
    Inspection,
    RectificationOrder,
    TeamMember,
)
from tests.factories import UserFactory, division

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def upload(name: str, content: bytes = PDF_BYTES, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"少先队改革联合督导{n}")
    year = 2018
    start_date = datetime.date(2018, 5, 7)
    end_date = datetime.date(2018, 6, 29)
    division = factory.LazyFunction(lambda: division("530000"))
    lead = factory.SubFactory(UserFactory, role=Role.LEAGUE)
    created_by = factory.SelfAttribute("lead")


class TeamMemberFactory(DjangoModelFactory):
    class Meta:
        model = TeamMember

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Faker("name")
    body = TeamBody.LEAGUE


class ChecklistItemFactory(DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    campaign = factory.SubFactory(CampaignFactory)
    position = factory.Sequence(int)
    name = factory.Sequence(lambda n: f"督导指标{n}")
    max_score = Decimal(10)
    weight = Decimal(10)


class InspectionFactory(DjangoModelFactory):
    """A report row (no history): for lists and scope tests. Flows go through the services."""

    class Meta:
        model = Inspection
        skip_postgeneration_save = True

    campaign = factory.SubFactory(CampaignFactory)
    target_division = factory.LazyFunction(lambda: division("530100"))
    target_school = None
    target_division_code = factory.LazyAttribute(
        lambda o: o.target_school.county_id if o.target_school else o.target_division.code
    )
    created_by = factory.SelfAttribute("campaign.lead")

    @factory.post_generation
    def inspectors(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.inspectors.add(*extracted)


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = Finding

    inspection = factory.SubFactory(InspectionFactory)
    text = "少先队活动课时不足，大队辅导员未按中层管理岗位配备。"
    severity = Severity.HIGH
    created_by = factory.SelfAttribute("inspection.created_by")


class RectificationOrderFactory(DjangoModelFactory):
    class Meta:
        model = RectificationOrder

    finding = factory.SubFactory(FindingFactory)
    target_division = factory.LazyAttribute(lambda o: o.finding.inspection.target_division)
    target_school = factory.LazyAttribute(lambda o: o.finding.inspection.target_school)
    target_division_code = factory.LazyAttribute(
        lambda o: o.target_school.county_id if o.target_school else o.target_division.code
    )
    requirement = "按期配齐大队辅导员。"
    issued_by = factory.SelfAttribute("finding.created_by")
    issued_on = datetime.date(2018, 7, 10)
    deadline = datetime.date(2018, 9, 30)


class CircularFactory(DjangoModelFactory):
    class Meta:
        model = Circular

    campaign = factory.SubFactory(CampaignFactory)
    kind = CircularKind.CRITICISM
    title = factory.Sequence(lambda n: f"关于联合督导情况的通报{n}")
    body = "部分县区少先队改革推进不力，予以通报批评。"
    created_by = factory.SelfAttribute("campaign.lead")


def running_campaign(
    *,
    lead,
    inspectors=(),
    targets=(),
    items=((Decimal(30), Decimal(60)), (Decimal(20), Decimal(40))),
    area="530000",
    year=2018,
):
    """A started campaign built through the services: ``lead`` on the team for the League,
    each inspector for the work committee, a named education member, the checklist
    ``items`` ((max score, weight)...), and one report per target for all inspectors."""
    campaign = services.campaign_create(
        actor=lead,
        name=f"{year}年少先队改革联合督导",
        year=year,
        start_date=datetime.date(year, 5, 7),
        end_date=datetime.date(year, 6, 29),
        division=division(area),
        lead=lead,
    )
    services.team_member_add(
        actor=lead, campaign=campaign, name="", user=lead, body=TeamBody.LEAGUE
    )
    services.team_member_add(actor=lead, campaign=campaign, name="赵敏", body=TeamBody.EDUCATION)
    for user in inspectors:
        services.team_member_add(
            actor=lead, campaign=campaign, name="", user=user, body=TeamBody.WORK_COMMITTEE
        )
    for n, (max_score, weight) in enumerate(items, start=1):
        services.checklist_item_add(
            actor=lead, campaign=campaign, name=f"指标{n}", max_score=max_score, weight=weight
        )
    campaign = services.campaign_start(actor=lead, campaign=campaign)
    result = services.campaign_fan_out(
        actor=lead,
        campaign=campaign,
        targets=[services.TargetAssignment(t, tuple(inspectors)) for t in targets],
    )
    return campaign, result.created


def full_scores(campaign, fraction=Decimal("0.8")) -> dict:
    """A score for every checklist item: ``fraction`` of its maximum."""
    return {
        item.pk: (item.max_score * fraction).quantize(Decimal("0.01"))
        for item in campaign.checklist.all()
    }


def filed_report(inspection, *, inspector, rating="good", accept_by=None):
    """Score, rate and submit a report (and accept it when ``accept_by`` is given)."""
    services.inspection_update(
        actor=inspector,
        inspection=inspection,
        scores=full_scores(inspection.campaign),
        rating=rating,
    )
    inspection = services.inspection_submit(actor=inspector, inspection=inspection)
    if accept_by is not None:
        inspection = services.inspection_accept(actor=accept_by, inspection=inspection)
    return inspection
