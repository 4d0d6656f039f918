"""Document indicators as things stood at the end of a year, read from the history."""

import datetime

from apps.core import clock
from apps.documents import services
from apps.documents.choices import Decision
from apps.documents.indicators import document_indicators
from tests.documents.conftest import issue, make_draft, sign
from tests.factories import division


def _figures(year, code="530000"):
    return document_indicators(scope=division(code), as_of=datetime.date(year, 12, 31))["documents"]


def test_figures_are_those_at_the_end_of_the_year_asked_for(office, bodies, league, education):
    with clock.travel(datetime.date(2017, 3, 1)):
        expired = make_draft(office, bodies, co_issuers=(), valid_until=datetime.date(2017, 12, 31))
        issue(expired, office, number="云少工委发〔2017〕1号")
        in_2017 = make_draft(office, bodies, co_issuers=())
        issue(in_2017, office, number="云少工委发〔2017〕2号")
    with clock.travel(datetime.date(2018, 4, 2)):
        signing = make_draft(office, bodies)
        services.document_submit(actor=office, document=signing, seen_version=signing.version)
        sent_back = make_draft(office, bodies, title="退回的文件")
        services.document_submit(actor=office, document=sent_back, seen_version=sent_back.version)
        sign(sent_back, education, bodies["education"], Decision.SEND_BACK, "请修改。")
    with clock.travel(datetime.date(2019, 5, 6)):
        sign(signing, league, bodies["league"])
        sign(signing, education, bodies["education"])
        issue(signing, office, number="云少工委发〔2019〕1号")

    assert _figures(2017) == {
        "issued": 2,
        "issued_in_year": 2,
        "in_countersigning": 0,
        "drafting": 0,
        "in_force": 2,
    }
    assert _figures(2018) == {
        "issued": 2,
        "issued_in_year": 0,
        "in_countersigning": 1,
        "drafting": 1,
        "in_force": 1,
    }
    assert _figures(2019)["issued"] == 3
    assert _figures(2019)["in_countersigning"] == 0
    assert _figures(2018, code="530100")["issued"] == 0
