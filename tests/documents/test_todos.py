"""What waits for whom: a body's staff, and the drafting office."""

import datetime

from apps.core import clock
from apps.documents import services, todos
from apps.documents.choices import Decision
from tests.documents.conftest import make_draft, sign


def test_a_bodys_staff_see_documents_waiting_for_their_countersignature(
    countersigning, league, edu_kunming
):
    (todo,) = todos.countersign_todos(actor=league)

    assert todo.count == 1
    assert todo.due == countersigning.co_issuers.get(body__short_name="团省委").due_on
    assert not todo.overdue
    assert todo.url.endswith("?todo=mine")
    assert todos.countersign_todos(actor=edu_kunming) == []


def test_waiting_past_the_requested_by_date_is_overdue(countersigning, league):
    with clock.travel(clock.today() + datetime.timedelta(days=30)):
        (todo,) = todos.countersign_todos(actor=league)

    assert todo.overdue


def test_the_office_sees_sign_offs_to_record_send_backs_and_documents_ready(
    office, bodies, league, education
):
    to_record = make_draft(office, bodies, co_issuers=("hr",))
    sent_back = make_draft(office, bodies, title="退回")
    ready = make_draft(office, bodies, co_issuers=("league",), title="待印发")
    for document in (to_record, sent_back, ready):
        document.refresh_from_db()
        services.document_submit(actor=office, document=document, seen_version=document.version)
    sign(sent_back, education, bodies["education"], Decision.SEND_BACK, "请修改。")
    sign(ready, league, bodies["league"])

    found = {t.url.rsplit("=", 1)[1]: t.count for t in todos.drafting_office_todos(actor=office)}

    assert found == {"record": 1, "sent_back": 1, "ready": 1}
    assert todos.drafting_office_todos(actor=league) == []
