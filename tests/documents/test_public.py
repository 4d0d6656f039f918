"""The public pages: /documents/ lists issued documents by kind and year with their validity,
interpretation and files; drafts, comments, signed pages and earlier versions never show."""

import datetime

import pytest
from django.urls import reverse

from apps.core import clock
from apps.documents import services
from apps.documents.choices import Decision, DocumentKind, Validity
from tests.documents.conftest import issue, make_draft, pdf, sign


@pytest.fixture
def public_set(issued, office, bodies, education):
    """The issued document (interpreted), a second issued one since expired, and a
    document sent back with comments (still a draft)."""
    services.document_interpret(
        actor=office,
        document=issued,
        interpretation="解读：明确大队辅导员配备。",
        seen_version=issued.version,
    )
    old = make_draft(
        office,
        bodies,
        co_issuers=(),
        title="2014-2017年云南省少先队辅导员培训规划",
        kind=DocumentKind.PLAN,
    )
    with clock.travel(datetime.date(2014, 3, 10)):
        old = issue(old, office, number="云少工委发〔2014〕5号")
    old.refresh_from_db()
    services.document_set_validity(
        actor=office,
        document=old,
        validity=Validity.IN_FORCE,
        valid_until=datetime.date(2017, 12, 31),
        seen_version=old.version,
    )
    draft = make_draft(office, bodies, title="云南省进一步加强少先队员光荣感实施意见（试行）")
    services.document_submit(actor=office, document=draft, seen_version=draft.version)
    sign(draft, education, bodies["education"], Decision.SEND_BACK, "内部意见：请删去第三条。")
    issued.refresh_from_db()
    return {"issued": issued, "old": old, "draft": draft}


def test_the_public_list_is_at_documents_and_shows_only_issued_documents(public_set, client):
    response = client.get("/documents/")

    assert response.status_code == 200
    assert [d.pk for d in response.context["page"]] == [
        public_set["issued"].pk,
        public_set["old"].pk,
    ]
    html = response.content.decode()
    assert public_set["issued"].number in html
    assert "解读：明确大队辅导员配备。" in html
    assert public_set["draft"].title not in html
    assert "内部意见" not in html


def test_each_document_carries_its_validity_mark(public_set, client):
    html = client.get("/documents/").content.decode()

    assert 'data-validity="in_force"' in html
    assert 'data-validity="expired"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": DocumentKind.PLAN}, ["old"]),
        ({"year": "2014"}, ["old"]),
        ({"validity": Validity.IN_FORCE}, ["issued"]),
        ({"validity": Validity.EXPIRED}, ["old"]),
        ({"q": "〔2014〕5号"}, ["old"]),
        ({"q": "管理办法"}, ["issued"]),
    ],
)
def test_the_list_is_categorised_and_searchable(public_set, client, query, expected):
    response = client.get("/documents/", query)

    assert [d.pk for d in response.context["page"]] == [public_set[k].pk for k in expected]


def test_a_document_not_issued_is_a_404_publicly(public_set, client):
    assert client.get(f"/documents/{public_set['draft'].pk}/").status_code == 404
    response = client.get(f"/documents/{public_set['issued'].pk}/")
    assert response.status_code == 200
    assert "解读：明确大队辅导员配备。" in response.content.decode()


def test_files_of_issued_documents_download_signed_out_and_no_others(public_set, client):
    issued_file = public_set["issued"].attachments.get()
    draft_file = public_set["draft"].attachments.get()

    response = client.get(reverse("documents:public-attachment-download", args=[issued_file.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    url = reverse("documents:public-attachment-download", args=[draft_file.pk])
    assert client.get(url).status_code == 404
    # Staff downloads, signed pages and earlier rounds are behind the sign-in.
    for name, pk in [
        ("documents:attachment-download", issued_file.pk),
        ("documents:document-round", None),
    ]:
        args = [public_set["issued"].pk, 1] if pk is None else [pk]
        assert client.get(reverse(name, args=args)).status_code == 302


def test_a_signed_page_is_never_public(office, bodies, client):
    document = make_draft(office, bodies, co_issuers=("hr",))
    services.document_submit(actor=office, document=document, seen_version=document.version)
    step = sign(document, office, bodies["hr"], signed_page=pdf("人社厅会签页.pdf"))
    issue(document, office)

    url = reverse("documents:signed-page-download", args=[step.signed_page.pk])

    assert client.get(url).status_code == 302


def test_a_removed_file_is_not_public(public_set, office, league, education, bodies, client):
    draft = public_set["draft"]
    removed = draft.attachments.get()
    services.attachment_remove(actor=office, attachment=removed)
    draft.refresh_from_db()
    services.document_submit(actor=office, document=draft, seen_version=draft.version)
    sign(draft, education, bodies["education"])
    sign(draft, league, bodies["league"])
    issue(draft, office, number="云少工委发〔{year}〕30号")

    url = reverse("documents:public-attachment-download", args=[removed.pk])

    assert client.get(url).status_code == 404


def test_the_public_list_makes_the_same_queries_whatever_its_length(
    public_set, office, bodies, client, django_assert_max_num_queries
):
    client.get("/documents/")
    for n in range(5):
        issue(
            make_draft(office, bodies, co_issuers=(), title=f"通知{n}"),
            office,
            f"云少工委发〔{{year}}〕{40 + n}号",
        )

    with django_assert_max_num_queries(8):
        response = client.get("/documents/")

    assert len(response.context["page"]) == 7
