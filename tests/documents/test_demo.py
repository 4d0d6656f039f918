"""The documents demo reproduces the source: six documents issued, three in countersigning
in 2018 (one sent back once), one sent out on the day of seeding, and notices."""

import io
import json
import random

import pytest
from django.conf import settings
from django.core.management import call_command

from apps.core import clock
from apps.documents import demo
from apps.documents.choices import Decision, DocumentStatus, Validity
from apps.documents.models import CountersignStep, Document, Notice, SignedPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(province_admin, league_province, edu_province):
    """The documents demo on the demo accounts it uses (the rest of the demo is not needed)."""
    demo.seed(rng=random.Random(2018), stdout=io.StringIO())


def _indicators(year):
    out = io.StringIO()
    call_command("indicators", "--year", str(year), "--json", stdout=out)
    return json.loads(out.getvalue())["documents"]


def test_the_2018_indicators_give_three_documents_in_countersigning(seeded):
    figures = _indicators(2018)

    assert figures["in_countersigning"] == 3
    assert figures["issued"] == 6
    assert figures["in_force"] == 5
    assert figures["drafting"] == 0


def test_the_issued_documents_carry_numbers_interpretations_and_validity(seeded):
    issued = Document.objects.issued().with_validity()

    assert issued.count() == 6
    assert all(d.number and d.interpretation for d in issued)
    expired = issued.get(title="2014-2017年云南省少先队辅导员培训规划")
    assert expired.validity == Validity.EXPIRED
    reform = issued.get(title="云南省少先队改革实施方案")
    assert reform.number == "云少工委发〔2017〕3号"
    # The office account drafted it; it has the demo password and is no superuser.
    assert reform.created_by.username == demo.OFFICE_USERNAME
    assert reform.created_by.check_password(settings.DEMO_PASSWORD)
    assert not reform.created_by.is_superuser
    # The 2013 joint notice: its three other departments signed for by the drafting office.
    notice = issued.get(title__startswith="云南省教育厅等四部门")
    steps = CountersignStep.objects.filter(document=notice)
    assert notice.number == "云教基〔2013〕45号"
    assert notice.lead_body.short_name == "省教育厅"
    assert sorted(s.body.short_name for s in steps) == ["省人社厅", "省委编办", "省财政厅"]
    assert all(s.on_behalf and s.acted_by.username == "edu_province" for s in steps)
    assert SignedPage.objects.filter(step__in=steps).count() == 3


def test_documents_in_countersigning_one_sent_back_once_one_sent_today_and_notices(seeded):
    mechanism = Document.objects.get(title="云南省少先队团教协同、队教协作机制（试行）")
    assert (mechanism.status, mechanism.round) == (DocumentStatus.COUNTERSIGNING, 2)
    send_back = mechanism.steps.get(round=1, decision=Decision.SEND_BACK)
    assert send_back.body.short_name == "省教育厅"
    assert mechanism.versions.get(round=1).text != mechanism.versions.get(round=2).text

    current = Document.objects.get(
        status=DocumentStatus.COUNTERSIGNING, submitted_at__date=clock.today()
    )
    assert {s.body.signer_role for s in current.steps.filter(decision="")} == {
        "league",
        "education",
    }
    assert all(s.due_on > clock.today() for s in current.steps.all())

    assert Notice.objects.published().count() == 4
    assert Notice.objects.filter(status="draft").count() == 1
