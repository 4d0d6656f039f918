"""A policy document in a real browser, at desktop and phone width: the work committee's
office drafts it with two co-issuing bodies and a PDF, sends it for countersigning; the
Department of Education sends it back with comments; the office changes the text and sends
it again; each body is shown what changed since it last saw it and signs; the office issues
it (a wrong 文号 first, refused next to the field); and a signed-out visitor finds it on
/documents/, in force, with its file to download."""

import datetime

import pytest
from playwright.sync_api import expect

from apps.accounts.choices import Role
from apps.core import clock
from apps.documents.choices import BodyKind, DocumentStatus
from apps.documents.demo import pdf_bytes
from apps.documents.models import Document, IssuingBody
from tests.browser.support import assert_no_horizontal_scroll, switch_user
from tests.factories import division

TITLE = "云南省少先队团教协同、队教协作机制（试行）"
FIRST_TEXT = (
    "一、总体要求\n建立团教协同工作机制。\n二、工作机制\n团委和教育部门每年共同研究部署少先队工作。"
)
CHANGED_LINE = "团委和教育部门每年共同研究部署少先队工作，建立联席会议制度。"
COMMENT = "请在第二部分写明联席会议制度。"


@pytest.fixture
def bodies(divisions):
    province = division("530000")
    return {
        key: IssuingBody.objects.create(
            name=name, short_name=short, kind=kind, division=province, signer_role=role
        )
        for key, name, short, kind, role in [
            ("league", "共青团云南省委员会", "团省委", BodyKind.LEAGUE, Role.LEAGUE),
            ("education", "云南省教育厅", "省教育厅", BodyKind.EDUCATION, Role.EDUCATION),
            (
                "office",
                "云南省少先队工作委员会办公室",
                "省少工委办公室",
                BodyKind.COMMITTEE_OFFICE,
                Role.PROVINCIAL_ADMIN,
            ),
        ]
    }


def turn(page, body):
    return page.locator(f"section[data-turn='{body.pk}']")


def test_a_document_goes_from_drafting_through_two_bodies_to_the_public_list(
    page, live_url, sign_in, sign_in_fast, bodies, province_admin, league_province, edu_province
):
    office, league, education = province_admin, league_province, edu_province
    due = (clock.today() + datetime.timedelta(days=10)).isoformat()
    year = clock.today().year

    # The office drafts the document.
    sign_in(page, office, next="/documents/manage/new/")
    form = page.locator("form[data-form='document']")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=kind]").select_option("mechanism")
    form.locator("[name=text]").fill(FIRST_TEXT)
    form.locator("[type=submit]").click()
    expect(page.locator("h1[data-title]")).to_have_text(TITLE)
    document = Document.objects.get(title=TITLE)

    # ...with two co-issuing bodies and a PDF, and sends it for countersigning.
    for body in (bodies["league"], bodies["education"]):
        grid_form = page.locator("form[data-form='co-issuer']")
        grid_form.locator("[name=body]").select_option(str(body.pk))
        grid_form.locator("[name=due_on]").fill(due)
        grid_form.locator("[data-action='add-co-issuer']").click()
        expect(page.locator(f"[data-grid] tr[data-body='{body.pk}']")).to_be_visible()
    page.locator("form[data-form='attachment'] [name=file]").set_input_files(
        {"name": "机制全文.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("text")}
    )
    page.locator("[data-action='add-attachment']").click()
    expect(page.locator("[data-attachment]")).to_contain_text("机制全文.pdf")
    assert_no_horizontal_scroll(page, "draft page")
    page.locator("[data-action='submit']").click()
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "countersigning")

    # The Department of Education sends it back with comments.
    switch_user(page, sign_in_fast, education)
    page.goto(live_url("documents:document-detail", document.pk))
    mine = turn(page, bodies["education"])
    mine.locator("input[value='send_back']").check()
    mine.locator("textarea").fill(COMMENT)
    mine.locator("[data-action='countersign']").click()
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "drafting")

    # The office reads the comments, changes the text and sends it again.
    switch_user(page, sign_in_fast, office)
    page.goto(live_url("documents:document-detail", document.pk))
    expect(page.locator("[data-sent-back] [data-comment]")).to_have_text(COMMENT)
    page.locator("[data-action='edit']").click()
    text = page.locator("form[data-form='document'] [name=text]")
    text.fill(FIRST_TEXT.replace("团委和教育部门每年共同研究部署少先队工作。", CHANGED_LINE))
    page.locator("form[data-form='document'] [type=submit]").click()
    page.locator("[data-action='submit']").click()
    expect(page.locator("[data-round]")).to_have_text("2")

    # Each body is shown what changed since it last saw the text, and signs.
    for user, body in ((league, bodies["league"]), (education, bodies["education"])):
        switch_user(page, sign_in_fast, user)
        page.goto(live_url("documents:document-detail", document.pk))
        mine = turn(page, body)
        expect(mine.locator("[data-changes]")).to_have_attribute("data-since", "1")
        expect(mine.locator("[data-diff='added']")).to_have_text(CHANGED_LINE)
        expect(mine.locator("[data-diff='removed']")).to_have_text(
            "团委和教育部门每年共同研究部署少先队工作。"
        )
        assert_no_horizontal_scroll(page, "countersigning page")
        mine.locator("input[value='sign']").check()
        mine.locator("[data-action='countersign']").click()
        expect(
            page.locator(f"[data-grid] tr[data-body='{body.pk}'] [data-step-state]")
        ).to_have_attribute("data-step-state", "sign")

    # The office issues it: a wrong number is refused next to its field, then the right one.
    switch_user(page, sign_in_fast, office)
    page.goto(live_url("documents:document-detail", document.pk))
    issue_form = page.locator("form[data-form='issue']")
    issue_form.locator("[name=number]").fill(f"云少工委发({year})3号")
    issue_form.locator("[data-action='issue']").click()
    issue_form = page.locator("form[data-form='issue']")
    expect(issue_form.locator(".field-error .error-text")).to_contain_text("〔〕")
    issue_form.locator("[name=number]").fill(f"云少工委发〔{year}〕3号")
    issue_form.locator("[data-action='issue']").click()
    expect(page.locator("[data-status]").first).to_have_attribute("data-status", "issued")
    assert Document.objects.get(pk=document.pk).status == DocumentStatus.ISSUED

    # A signed-out visitor finds it on /documents/, in force, with its file.
    page.context.clear_cookies()
    page.goto(live_url("/documents/"))
    row = page.locator(f"li[data-document='{document.pk}']")
    expect(row.locator(".document-title")).to_have_text(TITLE)
    expect(row.locator("[data-validity]")).to_have_attribute("data-validity", "in_force")
    expect(row).to_contain_text(f"云少工委发〔{year}〕3号")
    assert_no_horizontal_scroll(page, "public list")
    with page.expect_download() as download:
        row.locator("[data-download]").click()
    assert download.value.suggested_filename == "机制全文.pdf"
    # Its comments and earlier round are not public.
    page.goto(live_url("documents:public-document-detail", document.pk))
    expect(page.locator("main")).not_to_contain_text(COMMENT)
