"""Drafting: the drafting office alone edits a draft, its grid and its files; edits made on
a stale page are refused; attachments are PDF, DOCX or OFD by their bytes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core import clock
from apps.core.history import history_of
from apps.core.people import person_label
from apps.core.versioning import StaleEditError
from apps.documents import services
from apps.documents.choices import DocumentStatus
from apps.documents.models import Attachment, CoIssuer, Document
from tests.documents.conftest import docx, later, pdf, sign
from tests.history_panel import file_entries, panel


def _update(document, actor, *, seen_version, text):
    return services.document_update(
        actor=actor,
        document=document,
        seen_version=seen_version,
        title=document.title,
        kind=document.kind,
        text=text,
        signing_order=document.signing_order,
    )


def test_an_edit_on_a_stale_page_is_refused_and_the_newer_text_kept(draft, office):
    loaded = draft.version
    _update(draft, office, seen_version=loaded, text="第一版修改")

    with pytest.raises(StaleEditError):
        _update(draft, office, seen_version=loaded, text="覆盖别人的修改")

    assert Document.objects.get(pk=draft.pk).text == "第一版修改"


def test_only_the_drafting_office_changes_a_draft(draft, league):
    with pytest.raises(PermissionDenied):
        _update(draft, league, seen_version=draft.version, text="不是起草单位")


def test_a_draft_number_is_checked_for_form_when_given(office, bodies):
    with pytest.raises(ValidationError) as caught:
        services.document_create(
            actor=office,
            title="草稿",
            kind="notice",
            lead_body=bodies["office"],
            text="正文",
            number="云少工委发(2018)12号",
        )

    assert "number" in caught.value.error_dict


def test_the_lead_body_does_not_countersign_its_own_document(draft, office, bodies):
    with pytest.raises(ValidationError) as caught:
        services.coissuer_add(actor=office, document=draft, body=bodies["office"], due_on=later())

    assert "body" in caught.value.error_dict


def test_a_body_appears_once_in_the_grid_and_goes_last_by_default(draft, office, bodies):
    with pytest.raises(ValidationError):
        services.coissuer_add(actor=office, document=draft, body=bodies["league"], due_on=later())

    row = services.coissuer_add(actor=office, document=draft, body=bodies["hr"], due_on=later())

    assert row.position == 3
    assert [r.body.short_name for r in CoIssuer.objects.filter(document=draft)] == [
        "团省委",
        "省教育厅",
        "省人社厅",
    ]


def test_a_requested_by_date_in_the_past_is_refused(draft, office, bodies):
    with pytest.raises(ValidationError) as caught:
        services.coissuer_add(
            actor=office,
            document=draft,
            body=bodies["hr"],
            due_on=clock.today().replace(year=clock.today().year - 1),
        )

    assert "due_on" in caught.value.error_dict


def test_attachments_are_pdf_docx_or_ofd_by_their_bytes(draft, office):
    services.attachment_add(actor=office, document=draft, upload=docx())
    png_named_pdf = SimpleUploadedFile("伪装.pdf", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 20)

    with pytest.raises(ValidationError) as caught:
        services.attachment_add(actor=office, document=draft, upload=png_named_pdf)

    assert "file" in caught.value.error_dict
    assert sorted(a.content_type for a in Attachment.objects.filter(document=draft)) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]


def test_removing_a_file_never_sent_out_deletes_it(
    draft, office, django_capture_on_commit_callbacks
):
    extra = services.attachment_add(actor=office, document=draft, upload=pdf("草稿附件.pdf"))
    name = extra.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.attachment_remove(actor=office, attachment=extra)

    assert not Attachment.objects.filter(pk=extra.pk).exists()
    assert not extra.file.storage.exists(name)


def test_removing_a_file_a_round_was_sent_with_keeps_it_marked_removed(
    countersigning, office, education, bodies
):
    sign(countersigning, education, bodies["education"], "send_back", "附件过时。")
    attachment = countersigning.attachments.get()

    services.attachment_remove(actor=office, attachment=attachment)

    attachment.refresh_from_db()
    assert attachment.removed_at is not None
    assert attachment.removed_by == office


def test_files_cannot_change_while_the_bodies_are_signing(countersigning, office):
    with pytest.raises(ValidationError):
        services.attachment_add(actor=office, document=countersigning, upload=pdf())
    with pytest.raises(ValidationError):
        services.attachment_remove(actor=office, attachment=countersigning.attachments.get())


def test_every_step_is_in_the_documents_history_with_who_did_it(countersigning, education, bodies):
    sign(countersigning, education, bodies["education"], "send_back", "请修改。")

    reasons = list(
        Document.history.filter(id=countersigning.pk)
        .order_by("history_date")
        .values_list("history_change_reason", "history_user__username")
    )

    assert reasons[0] == ("drafted", "office")
    assert ("送会签（第1轮）", "office") in reasons
    assert reasons[-1] == ("云南省教育厅退回", "edu_province")


def test_the_history_shows_a_status_a_step_set_from_its_old_value_to_its_new_one(countersigning):
    # The status is not a form field (only the steps set it), yet a reader of the history
    # must see it go from 起草中 to 会签中.
    sent = next(
        entry
        for entry in history_of(countersigning)
        if any(change.name == "status" for change in entry.changes)
    )
    status = next(change for change in sent.changes if change.name == "status")

    assert (status.old, status.new) == (
        str(DocumentStatus.DRAFTING.label),
        str(DocumentStatus.COUNTERSIGNING.label),
    )


def test_a_files_upload_and_removal_are_in_the_documents_history(draft, office, client, login):
    extra = services.attachment_add(actor=office, document=draft, upload=pdf("草稿附件.pdf"))
    services.attachment_remove(actor=office, attachment=extra)

    rows = panel(login(office), reverse("documents:document-detail", args=[draft.pk]))

    entries = file_entries(rows, Attachment, "草稿附件.pdf")
    assert set(entries) == {"created", "deleted"}
    assert all(person_label(office) in row for row in entries.values())


def test_a_file_marked_removed_shows_who_removed_it_in_the_documents_history(
    countersigning, office, education, bodies, client, login
):
    sign(countersigning, education, bodies["education"], "send_back", "附件过时。")
    attachment = countersigning.attachments.get()
    services.attachment_remove(actor=office, attachment=attachment)

    rows = panel(login(office), reverse("documents:document-detail", args=[countersigning.pk]))

    changed = file_entries(rows, Attachment, attachment.original_name)["changed"]
    assert person_label(office) in changed
    assert person_label(office) in changed.split("→")[-1]
