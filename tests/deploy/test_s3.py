"""S3_BUCKET set: uploaded files are kept in an S3-compatible object store, not the media
folder, and still reach a browser only through the portal's access-checked downloads.

moto's S3 server, a process of its own speaking the S3 protocol over HTTP, stands in for
MinIO or a government cloud's object service; a production server (`manage.py serve`) is
given the S3_* variables .env.example documents."""

import boto3
import pytest
from django.urls import reverse

from apps.documents.demo import pdf_bytes
from tests.serving import Client, launch, production_environment, provincial_meeting, stop

pytestmark = pytest.mark.django_db(transaction=True)

BUCKET = "portal-media"
KEYS = {"aws_access_key_id": "portal-test", "aws_secret_access_key": "portal-test-secret"}
REGION = "us-east-1"


@pytest.fixture(scope="module")
def object_store():
    """The address of an S3 server with the portal's bucket, empty."""
    process, output = launch("-m", "moto.server", "-H", "127.0.0.1", "-p", "0")
    try:
        url = "http://127.0.0.1:" + output.expect(r"Running on http://127\.0\.0\.1:(\d+)")[1]
        client = boto3.client("s3", endpoint_url=url, region_name=REGION, **KEYS)
        client.create_bucket(Bucket=BUCKET)
        yield url, client
    finally:
        stop(process)


@pytest.fixture(scope="module")
def server(django_db_setup, object_store, tmp_path_factory):
    url, _client = object_store
    folder = tmp_path_factory.mktemp("object-store")
    environment = production_environment(
        folder,
        "object-store",
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL=url,
        S3_REGION=REGION,
        S3_ACCESS_KEY_ID=KEYS["aws_access_key_id"],
        S3_SECRET_ACCESS_KEY=KEYS["aws_secret_access_key"],
    )
    process, output = launch(
        "manage.py", "serve", "--port", "0", "--task-workers", "0", env=environment
    )
    try:
        address = "http://127.0.0.1:" + output.expect(r"Serving on .*:(\d+)/")[1]
        yield address, folder / "media"
    finally:
        stop(process)


def test_an_upload_is_kept_in_the_object_store_and_served_back_by_the_portal(
    server, object_store, divisions
):
    address, media_root = server
    _url, s3 = object_store
    league, meeting = provincial_meeting()
    browser = Client()
    browser.sign_in(address, league)
    upload_path = reverse("meetings:minutes-upload", args=[meeting.pk])
    content = pdf_bytes("minutes in the object store")

    status, _headers, _body = browser.post(
        address + upload_path,
        {},
        token=browser.csrf_token(address + upload_path),
        files={"minutes": ("纪要.pdf", content, "application/pdf")},
    )

    assert status == 302
    (stored,) = s3.list_objects_v2(Bucket=BUCKET)["Contents"]
    assert stored["Key"].startswith("meetings/minutes/")
    assert s3.get_object(Bucket=BUCKET, Key=stored["Key"])["Body"].read() == content
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))
    # Back through the portal's own download, which checks access; the object store is
    # never linked to.
    download = address + reverse("meetings:minutes-download", args=[meeting.pk])
    status, headers, body = browser.get(download)
    assert (status, headers["Content-Type"], body) == (200, "application/pdf", content)
    status, _headers, _body = Client().get(download)
    assert status == 302
