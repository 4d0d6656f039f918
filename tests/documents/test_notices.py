"""Notices (通知公告): provincial staff write and publish them; published ones are public,
with their files; drafts are not; a published notice no longer changes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.core import clock
from apps.core.people import person_label
from apps.documents import services
from apps.documents.models import Notice, NoticeAttachment
from tests.documents.conftest import docx, pdf
from tests.history_panel import file_entries, panel


@pytest.fixture
def notice(office, bodies):
    return services.notice_create(
        actor=office,
        title="关于举办2018年全省少先队大队辅导员培训班的通知",
        body="各州（市）少工委、教育局：经研究，决定举办培训班。",
        office=bodies["office"],
    )


def _publish(notice, actor):
    notice.refresh_from_db()
    return services.notice_publish(actor=actor, notice=notice, seen_version=notice.version)


def test_provincial_staff_publish_a_notice_in_the_name_of_their_body(notice, office):
    services.notice_attachment_add(actor=office, notice=notice, upload=docx("报名表.docx"))

    published = _publish(notice, office)

    assert published.is_published
    assert published.published_at is not None
    assert published.dated_on == clock.today()


def test_prefecture_staff_do_not_publish_portal_notices(bodies, league_kunming):
    with pytest.raises(PermissionDenied):
        services.notice_create(
            actor=league_kunming, title="通知", body="正文", office=bodies["kunming_league"]
        )


def test_a_notice_goes_out_only_in_the_name_of_a_body_the_author_works_for(bodies, league):
    with pytest.raises(ValidationError) as caught:
        services.notice_create(actor=league, title="通知", body="正文", office=bodies["education"])

    assert "office" in caught.value.error_dict


def test_a_published_notice_no_longer_changes(notice, office):
    published = _publish(notice, office)

    with pytest.raises(ValidationError):
        services.notice_update(
            actor=office,
            notice=published,
            seen_version=published.version,
            title="改过的标题",
            body="改过的正文",
            office=published.office,
            dated_on=published.dated_on,
        )
    with pytest.raises(ValidationError):
        services.notice_attachment_add(actor=office, notice=published, upload=pdf())

    assert Notice.objects.get(pk=notice.pk).title == notice.title


def test_published_notices_and_their_files_are_public_and_drafts_are_not(
    notice, office, bodies, client
):
    attachment = services.notice_attachment_add(actor=office, notice=notice, upload=pdf("日程.pdf"))
    draft = services.notice_create(
        actor=office, title="草稿通知", body="未发布", office=bodies["office"]
    )
    download = reverse("documents:public-notice-attachment-download", args=[attachment.pk])
    assert client.get(download).status_code == 404

    _publish(notice, office)

    listing = client.get("/documents/notices/").content.decode()
    assert notice.title in listing
    assert "草稿通知" not in listing
    assert client.get(f"/documents/notices/{notice.pk}/").status_code == 200
    assert client.get(f"/documents/notices/{draft.pk}/").status_code == 404
    assert client.get(download).status_code == 200


def test_the_public_search_finds_notices_and_issued_documents_by_title_number_and_text(
    notice, issued, office, client
):
    _publish(notice, office)

    by_text = client.get("/documents/search/", {"q": "培训班"}).context["page"].object_list
    by_number = client.get("/documents/search/", {"q": issued.number}).context["page"]
    by_document_text = client.get("/documents/search/", {"q": "大队辅导员"}).context["page"]

    assert [(r["type"], r["title"]) for r in by_text] == [("notice", notice.title)]
    assert [r["type"] for r in by_number.object_list] == ["document"]
    assert {r["type"] for r in by_document_text.object_list} == {"document", "notice"}


def test_the_search_is_bounded_and_finds_nothing_for_nothing(issued, client):
    assert client.get("/documents/search/").context["page"].paginator.count == 0

    long_query = "大" * 500
    response = client.get("/documents/search/", {"q": long_query})

    assert response.status_code == 200
    assert len(response.context["query"]) == 50


def test_the_search_leaves_drafts_out(draft, client):
    response = client.get("/documents/search/", {"q": draft.title})

    assert response.context["page"].paginator.count == 0


def test_the_search_pages_its_results(office, bodies, client):
    for n in range(25):
        notice = services.notice_create(
            actor=office, title=f"关于第{n}期培训的通知", body="培训安排", office=bodies["office"]
        )
        _publish(notice, office)

    first = client.get("/documents/search/", {"q": "培训"}).context["page"]
    second = client.get("/documents/search/", {"q": "培训", "page": 2}).context["page"]

    assert (first.paginator.count, len(first.object_list), len(second.object_list)) == (25, 20, 5)
    assert not {r["url"] for r in first.object_list} & {r["url"] for r in second.object_list}


def test_the_home_page_shows_the_latest_notices_and_issued_documents(
    notice, issued, office, client
):
    _publish(notice, office)

    html = client.get("/").content.decode()

    assert 'data-section="notices"' in html
    assert notice.title in html
    assert issued.number in html
    assert 'data-validity="in_force"' in html
    assert reverse("documents:public-document-list") in html
    assert reverse("documents:public-notice-list") in html


def test_a_files_upload_and_removal_are_in_the_notices_history(notice, office, client, login):
    attachment = services.notice_attachment_add(actor=office, notice=notice, upload=pdf("日程.pdf"))
    services.notice_attachment_remove(actor=office, attachment=attachment)

    rows = panel(login(office), reverse("documents:notice-detail", args=[notice.pk]))

    entries = file_entries(rows, NoticeAttachment, "日程.pdf")
    assert set(entries) == {"created", "deleted"}
    assert all(person_label(office) in row for row in entries.values())
