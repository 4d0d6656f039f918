"""The public home: the portal's name, a search over notices and documents, and each area's
section where its order puts it, without the home naming an area; its meta description."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from apps.accounts.choices import Role
from apps.core import registry
from apps.documents.choices import BodyKind
from apps.documents.models import IssuingBody
from apps.documents.services import notice_create, notice_publish
from tests.factories import UserFactory, division

SECTION = re.compile(r'<div class="home-section" data-order="(\d+)">')
META = re.compile(r'<meta name="description" content="([^"]*)">')
HOME_DESCRIPTION = (
    "The public portal of Yunnan's Young Pioneer work: notices of the provincial work "
    "committee, public notices of commendations, disclosure of special funds, policy "
    "documents, inspection circulars and the province's figures."
)


def zh(source: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(source)


def make_notices() -> dict:
    """A published notice and a draft one of the provincial work committee's office."""
    office = IssuingBody.objects.create(
        name="云南省少先队工作委员会办公室",
        short_name="省少工委办公室",
        kind=BodyKind.COMMITTEE_OFFICE,
        division=division("530000"),
        signer_role=Role.PROVINCIAL_ADMIN,
    )
    staff = UserFactory(role=Role.PROVINCIAL_ADMIN, division=division("530000"))
    published = notice_create(
        actor=staff,
        title="关于开展少先队鼓号队展演活动的通知",
        body="各州（市）少工委：现就鼓号队展演有关事项通知如下。",
        office=office,
    )
    published = notice_publish(actor=staff, notice=published, seen_version=published.version)
    draft = notice_create(
        actor=staff, title="关于鼓号队展演评分细则的通知（草稿）", body="草稿", office=office
    )
    return {"published": published, "draft": draft}


@pytest.fixture
def notices(divisions):
    return make_notices()


def test_the_home_lays_out_every_areas_section_in_its_order(client, divisions):
    response = client.get(reverse("core:home"))

    assert response.status_code == 200
    expected = [section.order for section in registry.public_sections()]
    assert [int(order) for order in SECTION.findall(response.content.decode())] == expected
    assert expected == sorted(expected)
    # today's areas each bring theirs: notices, documents, figures, circulars, funds
    assert len(expected) >= 5


def test_the_home_follows_the_sections_it_is_given_whatever_area_they_come_from(
    client, divisions, monkeypatch
):
    # given the sections in another order, one of them new to the home
    def disclosed():
        return {"programs": []}

    sections = [
        registry.PublicSection("funding/_public_section.html", disclosed, 1),
        registry.PublicSection("inspections/_public_section.html", None, 2),
        registry.PublicSection("documents/_public_notices.html", lambda: {"notices": []}, 3),
    ]
    monkeypatch.setattr(registry, "public_sections", lambda: sections)

    # when a visitor opens the home
    html = client.get(reverse("core:home")).content.decode()

    # then the sections come in that order, each in its own box
    assert SECTION.findall(html) == ["1", "2", "3"]
    positions = [html.index(f'id="{name}"') for name in ("public-funding", "public-inspections")]
    assert positions == sorted(positions)
    assert html.index('id="public-inspections"') < html.index('id="public-notices"')


def test_the_home_has_its_own_meta_description_and_other_pages_the_portals(client, divisions):
    home = client.get(reverse("core:home")).content.decode()
    documents = client.get(reverse("documents:public-document-list")).content.decode()

    assert [unescape(text) for text in META.findall(home)] == [zh(HOME_DESCRIPTION)]
    (other,) = META.findall(documents)
    assert other and unescape(other) != zh(HOME_DESCRIPTION)


def test_the_search_box_on_the_home_leads_to_published_notices_only(client, notices):
    home = client.get(reverse("core:home")).content.decode()

    # the home's search form sends its box to the public search
    form = re.search(
        r'<form class="home-search" method="get" action="([^"]+)"[^>]*>(.*?)</form>', home, re.S
    )
    assert form and form[1] == reverse("documents:public-search")
    assert 'type="search"' in form[2] and 'name="q"' in form[2]

    # and a visitor's words find the published notice, never the draft
    results = client.get(form[1], {"q": "鼓号队展演"})
    html = results.content.decode()
    assert results.status_code == 200
    assert reverse("documents:public-notice-detail", args=[notices["published"].pk]) in html
    assert notices["published"].title in html
    assert notices["draft"].title not in html


def test_the_home_offers_staff_the_sign_in_only_when_signed_out(client, divisions):
    assert zh("Staff sign in") in client.get(reverse("core:home")).content.decode()

    client.force_login(UserFactory(role=Role.OFFICIAL, division=division("530000")))

    assert zh("Staff sign in") not in client.get(reverse("core:home")).content.decode()


def test_the_funds_section_is_the_funding_areas_public_section(client, divisions):
    (funding,) = [s for s in registry.public_sections() if s.template.startswith("funding/")]

    # its data comes through the core's discovery, like every other area's
    assert funding.context is not None
    assert funding.context() == {"programs": []}
    html = client.get(reverse("core:home")).content.decode()
    assert 'data-section="funding"' in html
