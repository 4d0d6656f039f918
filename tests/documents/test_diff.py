"""What changed between rounds: line by line, and the attachments added and removed, shown
to each body against the version it last saw."""

from apps.documents import services
from apps.documents.choices import Decision, SigningOrder
from apps.documents.diff import changes_for_body, changes_in_round, text_hunks
from tests.documents.conftest import TEXT, make_draft, pdf, sign


def test_text_hunks_show_removed_and_added_lines_with_their_context():
    before = "一\n二\n三\n四\n五\n六\n七"
    after = "一\n二\n三\n四（改）\n五\n六\n七\n八"

    hunks = text_hunks(before, after, context=1)

    assert [[(line.kind, line.text) for line in hunk] for hunk in hunks] == [
        [("same", "三"), ("removed", "四"), ("added", "四（改）"), ("same", "五")],
        [("same", "七"), ("added", "八")],
    ]


def test_unchanged_text_has_no_hunks():
    assert text_hunks(TEXT, TEXT) == []


def _resubmit_with_changes(document, office):
    document.refresh_from_db()
    services.document_update(
        actor=office,
        document=document,
        seen_version=document.version,
        title=document.title,
        kind=document.kind,
        text=TEXT.replace("一名大队辅导员", "一名专职大队辅导员"),
        signing_order=document.signing_order,
    )
    services.attachment_remove(actor=office, attachment=document.attachments.get())
    services.attachment_add(actor=office, document=document, upload=pdf("新附件.pdf"))
    document.refresh_from_db()
    return services.document_submit(actor=office, document=document, seen_version=document.version)


def test_each_body_is_shown_what_changed_since_the_version_it_last_saw(
    countersigning, office, education, bodies
):
    sign(countersigning, education, bodies["education"], Decision.SEND_BACK, "请明确专职。")
    document = _resubmit_with_changes(countersigning, office)

    changes = changes_for_body(document, bodies["education"])

    assert (changes.since, changes.to) == (1, 2)
    lines = [(line.kind, line.text) for hunk in changes.hunks for line in hunk]
    assert ("removed", "第二条 每所中小学配备一名大队辅导员。") in lines
    assert ("added", "第二条 每所中小学配备一名专职大队辅导员。") in lines
    assert changes.added == ["新附件.pdf"]
    assert changes.removed == ["附件.pdf"]
    assert changes_in_round(document, 2) == changes


def test_a_body_whose_turn_never_came_sees_the_whole_text(office, bodies, league):
    document = make_draft(office, bodies, order=SigningOrder.SEQUENTIAL)
    services.document_submit(actor=office, document=document, seen_version=document.version)
    sign(document, league, bodies["league"], Decision.SEND_BACK, "请修改。")
    document = _resubmit_with_changes(document, office)

    assert changes_for_body(document, bodies["league"]).since == 1
    assert changes_for_body(document, bodies["education"]) is None
