"""The title applications admin: read-only, scoped, people shown with their unit."""

from apps.core.people import person_label

APPLICATIONS = "/admin/titles/titleapplication/"


def test_the_admin_shows_applications_and_their_steps_read_only(
    client, login, submitted, review, applicant, reviewers, province_admin
):
    review(submitted, "school")
    login(province_admin)

    listing = client.get(APPLICATIONS).content.decode()
    page = client.get(f"{APPLICATIONS}{submitted.pk}/change/")

    assert "李晓梅（昆明市五华区红旗小学）" in listing
    assert page.status_code == 200
    body = page.content.decode()
    assert person_label(reviewers["school"]) in body
    assert 'name="_save"' not in body
    assert client.post(f"{APPLICATIONS}{submitted.pk}/delete/", {"post": "yes"}).status_code == 403
