"""Staff pages: the list and its "waiting for me" filter, the document page with the turns a
user may take, errors next to their fields, scope, and the notice pages."""

import pytest
from django.urls import reverse

from apps.accounts.choices import Role
from apps.core import clock
from apps.documents.choices import Decision, DocumentStatus
from apps.documents.models import Document, Notice
from tests.documents.conftest import TEXT, later, make_draft, pdf, sign
from tests.factories import UserFactory, division


def _detail(document):
    return reverse("documents:document-detail", args=[document.pk])


def test_the_office_starts_a_draft_from_the_form(office, bodies, login):
    client = login(office)
    form = client.get(reverse("documents:document-create"))
    assert list(form.context["form"].fields["lead_body"].queryset) == [bodies["office"]]

    response = client.post(
        reverse("documents:document-create"),
        {
            "title": "云南省少先队辅导员管理办法",
            "kind": "measures",
            "lead_body": bodies["office"].pk,
            "signing_order": "parallel",
            "number": "",
            "text": TEXT,
        },
    )

    document = Document.objects.get()
    assert response.status_code == 302
    assert response.url == _detail(document)
    assert document.created_by == office


def test_a_wrong_number_is_shown_next_to_its_field(draft, office, login):
    client = login(office)

    response = client.post(
        reverse("documents:document-update", args=[draft.pk]),
        {
            "title": draft.title,
            "kind": draft.kind,
            "signing_order": draft.signing_order,
            "number": "云少工委发[2018]12号",
            "text": draft.text,
            "version": draft.version,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["number"]
    assert Document.objects.get(pk=draft.pk).number == ""


def test_a_stale_edit_is_refused_on_the_page(draft, office, login):
    client = login(office)
    data = {
        "title": "新标题",
        "kind": draft.kind,
        "signing_order": draft.signing_order,
        "number": "",
        "text": draft.text,
        "version": draft.version - 1,
    }

    response = client.post(reverse("documents:document-update", args=[draft.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Document.objects.get(pk=draft.pk).title != "新标题"


def test_the_office_builds_the_grid_and_sends_the_draft(draft, office, bodies, login):
    client = login(office)
    response = client.post(
        reverse("documents:coissuer-add", args=[draft.pk]),
        {"body": bodies["hr"].pk, "due_on": later().isoformat(), "position": ""},
    )
    assert response.status_code == 302
    draft.refresh_from_db()

    response = client.post(
        reverse("documents:document-submit", args=[draft.pk]), {"version": draft.version}
    )

    assert response.status_code == 302
    assert Document.objects.get(pk=draft.pk).status == DocumentStatus.COUNTERSIGNING


def test_a_grid_error_is_shown_next_to_its_field(draft, office, bodies, login):
    response = login(office).post(
        reverse("documents:coissuer-add", args=[draft.pk]),
        {"body": bodies["hr"].pk, "due_on": "2001-01-01", "position": ""},
    )

    assert response.status_code == 400
    assert response.context["coissuer_form"].errors["due_on"]


def test_a_signer_sees_their_turn_and_a_send_back_needs_comments(
    countersigning, education, bodies, login
):
    client = login(education)
    page = client.get(_detail(countersigning))
    assert [t.step.body for t, _form in page.context["turns"]] == [bodies["education"]]
    prefix = f"turn-{bodies['education'].pk}"
    data = {
        "turn": bodies["education"].pk,
        f"{prefix}-body": bodies["education"].pk,
        f"{prefix}-round": 1,
        f"{prefix}-decision": Decision.SEND_BACK,
        f"{prefix}-comment": "",
    }

    refused = client.post(reverse("documents:document-countersign", args=[countersigning.pk]), data)
    assert refused.status_code == 400
    assert refused.context["turns"][0][1].errors["comment"]

    data[f"{prefix}-comment"] = "第二条请写明专职。"
    done = client.post(reverse("documents:document-countersign", args=[countersigning.pk]), data)

    assert done.status_code == 302
    assert Document.objects.get(pk=countersigning.pk).status == DocumentStatus.DRAFTING


def test_the_office_reads_the_send_back_and_the_body_the_changes_next_round(
    countersigning, office, education, bodies, login
):
    sign(countersigning, education, bodies["education"], Decision.SEND_BACK, "第二条请写明专职。")
    office_page = login(office).get(_detail(countersigning)).content.decode()
    assert "第二条请写明专职。" in office_page
    assert "data-sent-back" in office_page

    countersigning.refresh_from_db()
    login(office).post(
        reverse("documents:document-update", args=[countersigning.pk]),
        {
            "title": countersigning.title,
            "kind": countersigning.kind,
            "signing_order": countersigning.signing_order,
            "number": "",
            "text": TEXT.replace("一名大队辅导员", "一名专职大队辅导员"),
            "version": countersigning.version,
        },
    )
    countersigning.refresh_from_db()
    login(office).post(
        reverse("documents:document-submit", args=[countersigning.pk]),
        {"version": countersigning.version},
    )

    html = login(education).get(_detail(countersigning)).content.decode()
    assert 'data-diff="removed"' in html
    assert "一名专职大队辅导员" in html


def test_a_document_outside_the_users_scope_is_a_404(countersigning, edu_kunming, login):
    client = login(edu_kunming)

    assert client.get(_detail(countersigning)).status_code == 404
    assert (
        client.get(
            reverse("documents:attachment-download", args=[countersigning.attachments.get().pk])
        ).status_code
        == 404
    )


def test_the_list_filter_shows_what_waits_for_the_user(
    countersigning, office, bodies, league, login
):
    other = make_draft(office, bodies, title="另一份草稿")

    response = login(league).get(reverse("documents:document-list"), {"todo": "mine"})

    assert [d.pk for d in response.context["page"]] == [countersigning.pk]
    everything = login(league).get(reverse("documents:document-list"))
    assert {d.pk for d in everything.context["page"]} == {countersigning.pk, other.pk}


def test_the_list_makes_the_same_queries_whatever_its_length(
    office, bodies, login, django_assert_max_num_queries
):
    client = login(office)
    make_draft(office, bodies)
    client.get(reverse("documents:document-list"))
    for n in range(5):
        make_draft(office, bodies, title=f"草稿{n}")

    # About 12 for the page, and a fixed 20 or so for the menu's to-do counts.
    with django_assert_max_num_queries(34):
        response = client.get(reverse("documents:document-list"))

    assert response.context["page"].count == 6


def test_the_issue_form_puts_a_wrong_number_next_to_its_field(
    countersigning, office, league, education, bodies, login
):
    sign(countersigning, league, bodies["league"])
    sign(countersigning, education, bodies["education"])
    countersigning.refresh_from_db()
    client = login(office)
    assert "issue_form" in client.get(_detail(countersigning)).context

    response = client.post(
        reverse("documents:document-issue", args=[countersigning.pk]),
        {
            "number": "云少工委发〔2018〕012号",
            "dated_on": clock.today().isoformat(),
            "version": countersigning.version,
        },
    )

    assert response.status_code == 400
    assert response.context["issue_form"].errors["number"]
    assert not Document.objects.get(pk=countersigning.pk).is_issued


def test_a_rounds_page_shows_its_text_and_changes(countersigning, office, login):
    response = login(office).get(reverse("documents:document-round", args=[countersigning.pk, 1]))

    assert response.status_code == 200
    assert response.context["version"].text == TEXT
    assert (
        login(office)
        .get(reverse("documents:document-round", args=[countersigning.pk, 9]))
        .status_code
        == 404
    )


def test_officials_read_documents_but_cannot_draft(countersigning, divisions, login):
    official = UserFactory(username="official_p", role=Role.OFFICIAL, division=division("530000"))
    client = login(official)

    assert client.get(_detail(countersigning)).status_code == 200
    assert client.get(reverse("documents:document-create")).status_code == 403


def test_notice_pages_write_and_publish_a_notice(office, bodies, login):
    client = login(office)
    response = client.post(
        reverse("documents:notice-create"),
        {
            "title": "关于开展主题队日活动的通知",
            "office": bodies["office"].pk,
            "dated_on": clock.today().isoformat(),
            "body": "各州（市）少工委：请组织开展主题队日活动。",
        },
    )
    notice = Notice.objects.get()
    assert response.status_code == 302

    client.post(
        reverse("documents:notice-attachment-add", args=[notice.pk]),
        {"file": pdf("活动方案.pdf")},
    )
    client.post(
        reverse("documents:notice-publish", args=[notice.pk]), {"version": notice.version + 1}
    )

    notice.refresh_from_db()
    assert notice.is_published
    assert notice.attachments.count() == 1
    page = client.get(reverse("documents:notice-detail", args=[notice.pk]))
    assert page.status_code == 200


@pytest.mark.parametrize("name", ["documents:document-list", "documents:notice-list"])
def test_the_staff_lists_render_for_the_office(office, login, name):
    assert login(office).get(reverse(name)).status_code == 200


def test_the_staff_list_exports_its_filtered_rows(countersigning, office, bodies, login):
    make_draft(office, bodies, title="另一份草稿")

    response = login(office).get(
        reverse("documents:document-list"), {"format": "csv", "status": "countersigning"}
    )

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response.status_code == 200
    assert countersigning.title in content
    assert "另一份草稿" not in content


def test_the_validity_form_is_for_the_offices_that_may_use_it(issued, office, league, login):
    assert "validity_form" in login(office).get(_detail(issued)).context
    assert "validity_form" not in login(league).get(_detail(issued)).context
