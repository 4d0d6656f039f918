import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.inspections import services
from apps.inspections.choices import CircularKind
from apps.inspections.models import Circular
from tests.factories import division


@pytest.fixture
def circulars(lead, inspector, campaign, kunming_report):
    finding = services.finding_add(
        actor=inspector, inspection=kunming_report, text="少先队改革推进不力。"
    )
    draft = services.circular_create(
        actor=inspector,
        campaign=campaign,
        kind=CircularKind.CRITICISM,
        title="关于昆明市少先队改革推进不力的通报（征求意见稿）",
        body="督导发现，昆明市少先队改革推进不力，现予以通报批评。",
        named_divisions=[division("530100")],
        findings=[finding],
    )
    published = services.circular_create(
        actor=lead,
        campaign=campaign,
        kind=CircularKind.PRAISE,
        title="关于玉溪市少先队改革成效明显的通报",
        body="玉溪市少先队改革任务落实有力，予以通报表扬。",
        named_divisions=[division("530400")],
    )
    published = services.circular_publish(
        actor=lead, circular=published, published_on=datetime.date(2018, 7, 10)
    )
    return draft, published


def test_the_public_page_lists_only_published_circulars(circulars, client):
    draft, published = circulars

    response = client.get("/inspections/circulars/")

    assert response.status_code == 200
    assert [c.pk for c in response.context["page"]] == [published.pk]
    html = response.content.decode()
    assert published.title in html
    assert draft.title not in html


def test_a_draft_circular_is_404_on_the_public_page(circulars, client):
    draft, published = circulars

    assert client.get(f"/inspections/circulars/{draft.pk}/").status_code == 404
    assert client.get(f"/inspections/circulars/{published.pk}/").status_code == 200


def test_the_public_circular_shows_no_personal_data(lead, inspector, campaign, circulars, client):
    _draft, published = circulars

    html = client.get(f"/inspections/circulars/{published.pk}/").content.decode()

    assert "玉溪市" in html  # the unit named
    assert published.body[:10] in html
    for person in (lead, inspector):
        assert person.username not in html
        assert person.get_full_name() not in html
    for member in campaign.team.all():
        assert member.name not in html
    assert campaign.name not in html


def test_drafts_are_shown_only_to_those_who_may_write_them(
    circulars, lead, inspector, edu_province, edu_kunming, edu_wuhua, other_inspector, login
):
    draft, published = circulars

    # the lead, the joint team and staff holding the campaign's whole area write drafts
    for writer in (lead, inspector, edu_province):
        client = login(writer)
        assert client.get(f"/inspections/manage/circulars/{draft.pk}/").status_code == 200
        listed = [c.pk for c in client.get("/inspections/manage/circulars/").context["page"]]
        assert draft.pk in listed
    # staff of an inspected target (Kunming) see the published circular, not the draft
    client = login(edu_kunming)
    assert client.get(f"/inspections/manage/circulars/{draft.pk}/").status_code == 404
    assert client.get(f"/inspections/manage/circulars/{published.pk}/").status_code == 200
    listed = [c.pk for c in client.get("/inspections/manage/circulars/").context["page"]]
    assert listed == [published.pk]
    assert list(Circular.objects.for_actor(edu_kunming)) == [published]
    for outsider in (edu_wuhua, other_inspector):
        assert login(outsider).get(f"/inspections/manage/circulars/{draft.pk}/").status_code == 404


def test_only_staff_with_the_right_publish(circulars, inspector, edu_province):
    draft, _published = circulars

    with pytest.raises(PermissionDenied):
        services.circular_publish(actor=inspector, circular=draft)
    published = services.circular_publish(actor=edu_province, circular=draft)

    assert published.is_published
    assert published.published_on is not None


def test_it_refuses_a_targets_staff_publishing_a_circular_of_a_wider_campaign(
    circulars, edu_kunming, login
):
    # The provincial campaign inspected Kunming, so Kunming staff see its circulars; but a
    # circular speaks for the whole province and may name Yuxi, which is not theirs to publish.
    draft, _published = circulars

    with pytest.raises(PermissionDenied):
        services.circular_publish(actor=edu_kunming, circular=draft)
    response = login(edu_kunming).post(f"/inspections/manage/circulars/{draft.pk}/publish/")

    assert response.status_code == 404  # the draft is not even shown to them
    assert not Circular.objects.get(pk=draft.pk).is_published


def test_it_refuses_a_targets_staff_rewriting_a_circular_of_a_wider_campaign(
    circulars, edu_kunming
):
    draft, _published = circulars

    with pytest.raises(PermissionDenied):
        services.circular_update(
            actor=edu_kunming, circular=draft, kind=CircularKind.PRAISE, title="改", body="改"
        )
    assert Circular.objects.get(pk=draft.pk).kind == CircularKind.CRITICISM


def test_an_edit_loaded_before_publication_cannot_unpublish_the_circular(circulars, lead):
    draft, _published = circulars
    stale = Circular.objects.get(pk=draft.pk)
    services.circular_publish(actor=lead, circular=draft)

    with pytest.raises(ValidationError):
        services.circular_update(
            actor=lead, circular=stale, kind=CircularKind.PRAISE, title="改", body="改"
        )
    circular = Circular.objects.get(pk=draft.pk)
    assert circular.is_published
    assert circular.kind == CircularKind.CRITICISM


def test_a_published_circular_cannot_be_changed(circulars, lead):
    _draft, published = circulars

    with pytest.raises(ValidationError):
        services.circular_update(
            actor=lead, circular=published, kind=CircularKind.CRITICISM, title="改", body="改"
        )
    assert Circular.objects.get(pk=published.pk).kind == CircularKind.PRAISE


def test_a_circular_names_only_units_inside_the_campaign_area(edu_kunming, kunming_inspector):
    from tests.factories.inspections import running_campaign

    campaign, _ = running_campaign(
        lead=edu_kunming,
        inspectors=[kunming_inspector],
        targets=[division("530102")],
        area="530100",
    )

    with pytest.raises(ValidationError) as raised:
        services.circular_create(
            actor=edu_kunming,
            campaign=campaign,
            kind=CircularKind.CRITICISM,
            title="越界",
            body="越界",
            named_divisions=[division("530400")],
        )
    assert "named_divisions" in raised.value.message_dict


def test_the_circular_form_drafts_from_the_campaign(lead, campaign, kunming_report, login):
    client = login(lead)

    response = client.post(
        f"/inspections/campaigns/{campaign.pk}/circulars/new/",
        {
            "kind": CircularKind.CRITICISM,
            "title": "关于督导情况的通报",
            "body": "正文",
            "named_divisions": ["530100"],
        },
    )

    assert response.status_code == 302
    circular = Circular.objects.get()
    assert not circular.is_published
    assert list(circular.named_divisions.values_list("code", flat=True)) == ["530100"]
    client.post(f"/inspections/manage/circulars/{circular.pk}/publish/")
    circular.refresh_from_db()
    assert circular.is_published


def test_pages_offer_drafting_and_publishing_only_to_those_the_services_allow(
    circulars, campaign, edu_kunming, edu_province, client
):
    draft, _published = circulars
    offered = {}
    for user in (edu_kunming, edu_province):
        client.force_login(user)
        campaign_page = client.get(f"/inspections/campaigns/{campaign.pk}/")
        circular_page = client.get(f"/inspections/manage/circulars/{draft.pk}/")
        offered[user.username] = (
            campaign_page.context["can_draft_circular"],
            circular_page.context["can_publish"] if circular_page.status_code == 200 else None,
        )

    # Kunming staff are offered no draft to publish: they are not shown the draft at all
    assert offered == {edu_kunming.username: (False, None), edu_province.username: (True, True)}
