"""Import previews wait on the server, their owner's alone: no uploaded row in the session,
confirmed or cancelled once, by no one else, and gone once expired."""

import datetime
import io
import json

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.accounts.choices import Role
from apps.counselors.models import Counselor
from apps.exports.models import PendingImport
from tests.factories import UserFactory, division
from tests.imports.conftest import upload, xlsx_bytes
from tests.imports.test_counselor_import import HEADERS, counselor_row, person

IMPORT_URL = reverse("counselors:counselor-import")
PHONE = "13987654321"


def preview(client, n=1):
    rows = [counselor_row(person(n), phone=PHONE)]
    return client.post(IMPORT_URL, {"sheet": upload(xlsx_bytes(HEADERS, rows))})


def test_a_preview_keeps_no_personal_data_in_the_session(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)

    response = preview(client)

    assert b'data-has-errors="no"' in response.content
    session = json.dumps(dict(client.session.items()), ensure_ascii=False, default=str)
    assert person(1) not in session
    assert PHONE not in session
    assert "赵敏" not in session
    # The rows wait on the server instead, as the owner's.
    pending = PendingImport.objects.get()
    assert pending.owner == edu_wuhua
    assert str(pending.pk) == response.context["token"]
    assert person(1) in json.dumps(pending.rows)


def test_another_user_cannot_confirm_someone_elses_preview(login, edu_wuhua, wuhua_school):
    colleague = UserFactory(
        username="edu_wuhua_2", role=Role.EDUCATION, division=division("530102")
    )
    token = preview(login(edu_wuhua)).context["token"]

    other = login(colleague)
    response = other.post(IMPORT_URL, {"token": token})

    assert response.status_code == 302
    assert response["Location"] == IMPORT_URL
    assert not Counselor.objects.exists()
    # Nor can they cancel it: it still waits for its owner, who confirms it.
    other.post(IMPORT_URL, {"cancel": token})
    assert PendingImport.objects.filter(pk=token, owner=edu_wuhua).exists()
    owner = login(edu_wuhua)
    assert owner.post(IMPORT_URL, {"token": token}).status_code == 302
    assert Counselor.objects.filter(id_number=person(1)).exists()


def test_a_confirmed_preview_is_deleted(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)
    token = preview(client).context["token"]

    client.post(IMPORT_URL, {"token": token})

    assert Counselor.objects.count() == 1
    assert not PendingImport.objects.exists()


def test_cancelling_deletes_the_preview_and_imports_nothing(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)
    response = preview(client)
    assert b"data-cancel-import" in response.content
    token = response.context["token"]

    cancelled = client.post(IMPORT_URL, {"cancel": token})

    assert cancelled.status_code == 302
    assert not PendingImport.objects.exists()
    client.post(IMPORT_URL, {"token": token})
    assert not Counselor.objects.exists()


def test_a_newer_preview_of_the_page_replaces_the_older(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)
    first = preview(client, 1).context["token"]

    second = preview(client, 2).context["token"]

    assert list(PendingImport.objects.values_list("pk", flat=True)) == [
        PendingImport.objects.get(pk=second).pk
    ]
    client.post(IMPORT_URL, {"token": first})
    assert not Counselor.objects.exists()


def test_an_expired_preview_cannot_be_confirmed_and_is_pruned(
    settings, login, edu_wuhua, wuhua_school
):
    settings.IMPORT_PENDING_MINUTES = 30
    start = timezone.now()
    client = login(edu_wuhua)
    with time_machine.travel(start, tick=False) as clock:
        token = preview(client).context["token"]
        clock.shift(datetime.timedelta(minutes=29))
        assert PendingImport.objects.filter(pk=token).exists()

        clock.shift(datetime.timedelta(minutes=2))
        # The session's own idle timeout is 30 minutes; sign in again to try.
        client = login(edu_wuhua)
        response = client.post(IMPORT_URL, {"token": token})

    assert response.status_code == 302
    assert not Counselor.objects.exists()
    assert not PendingImport.objects.exists()


def test_the_prune_command_deletes_only_expired_previews(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)
    kept = preview(client).context["token"]
    PendingImport.objects.create(
        owner=edu_wuhua, page="elsewhere", expires_at=timezone.now() - datetime.timedelta(1)
    )
    out = io.StringIO()

    call_command("prune_imports", stdout=out)

    assert "Deleted 1 " in out.getvalue()
    assert list(PendingImport.objects.values_list("pk", flat=True)) == [
        PendingImport.objects.get(pk=kept).pk
    ]


def test_a_later_upload_with_errors_drops_the_earlier_preview(login, edu_wuhua, wuhua_school):
    client = login(edu_wuhua)
    token = preview(client).context["token"]

    bad = [counselor_row(person(2), name="")]
    response = client.post(IMPORT_URL, {"sheet": upload(xlsx_bytes(HEADERS, bad))})

    assert b'data-has-errors="yes"' in response.content
    assert not PendingImport.objects.exists()
    client.post(IMPORT_URL, {"token": token})
    assert not Counselor.objects.exists()
