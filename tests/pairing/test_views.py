"""The pairing pages: the wish life cycle through the forms, the visibility of a wish's text
on pages and exports, scope, filters and the Excel import."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from apps.accounts.models import User
from apps.core.people import person_label
from apps.pairing import services
from apps.pairing.choices import WishStatus
from apps.pairing.models import Pairing, Wish, WishPhoto
from tests.factories.inspections import JPEG_BYTES
from tests.history_panel import file_entries, panel
from tests.pairing.conftest import post

TEXT = "想要一套水彩笔和一本图画本"


def detail(wish):
    return reverse("pairing:wish-detail", args=[wish.pk])


def test_post_claim_fulfil_confirm_through_the_pages(
    login, counselor, brigade, league_wuhua, school_staff, university
):
    client = login(counselor)
    response = client.post(
        reverse("pairing:wish-create"),
        {
            "brigade": brigade.pk,
            "card_label": "某校四年级队员",
            "text": "想要一个篮球",
            "category": "sports",
            "estimated_value": "12.345",
        },
    )
    assert response.status_code == 200
    assert "estimated_value" in response.context["form"].errors
    assert not Wish.objects.exists()
    response = client.post(
        reverse("pairing:wish-create"),
        {
            "brigade": brigade.pk,
            "card_label": "某校四年级队员",
            "text": "想要一个篮球",
            "category": "sports",
            "estimated_value": "120.50",
        },
    )
    wish = Wish.objects.get()
    assert response.status_code == 302 and wish.estimated_value == Decimal("120.50")

    client = login(league_wuhua)
    page = client.get(detail(wish))
    assert b'data-action="claim"' in page.content
    client.post(
        reverse("pairing:wish-claim", args=[wish.pk]),
        {"institution": university.pk, "version": wish.version},
    )
    wish.refresh_from_db()
    assert wish.status == WishStatus.CLAIMED
    photo = SimpleUploadedFile("gift.jpg", JPEG_BYTES, content_type="image/jpeg")
    client.post(
        reverse("pairing:wish-fulfil", args=[wish.pk]),
        {
            "fulfilled_on": wish.claimed_on.isoformat(),
            "note": "已送到学校",
            "photo": photo,
            "version": wish.version,
        },
    )
    wish.refresh_from_db()
    assert wish.status == WishStatus.FULFILLED
    assert wish.photos.count() == 1

    client = login(school_staff)
    page = client.get(detail(wish))
    assert b'data-action="confirm"' in page.content
    client.post(reverse("pairing:wish-confirm", args=[wish.pk]), {"version": wish.version})
    wish.refresh_from_db()
    assert wish.status == WishStatus.CONFIRMED
    download = client.get(reverse("pairing:photo-download", args=[wish.photos.get().pk]))
    assert download.status_code == 200


def test_the_text_shows_only_to_the_school_and_league_of_its_county_and_above(
    login, wish, counselor, league_kunming, edu_wuhua, edu_kunming, official_kunming
):
    for user in (counselor, league_kunming):
        client = login(user)
        assert TEXT in client.get(detail(wish)).content.decode()
        assert TEXT[:10] in client.get(reverse("pairing:wish-list")).content.decode()
    for user in (edu_wuhua, edu_kunming, official_kunming):
        client = login(user)
        page = client.get(detail(wish))
        assert page.status_code == 200
        assert TEXT not in page.content.decode()
        assert "某校三年级队员" not in page.content.decode()
        assert TEXT[:10] not in client.get(reverse("pairing:wish-list")).content.decode()


def test_the_wish_export_carries_no_text(login, wish, league_kunming):
    client = login(league_kunming)
    response = client.get(reverse("pairing:wish-list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert "五华区红旗小学" in cells
    assert not any(TEXT in cell or "某校" in cell for cell in cells)
    header = [cell.value for cell in sheet[1]]
    value = sheet[2][header.index("预计价值（元）")].value
    assert Decimal(str(value)) == Decimal("45.00")


def test_a_wish_outside_the_scope_is_a_404(login, wish, league_yuxi, other_counselor):
    for user in (league_yuxi, other_counselor):
        assert login(user).get(detail(wish)).status_code == 404
        response = login(user).post(reverse("pairing:wish-confirm", args=[wish.pk]))
        assert response.status_code in (403, 404)


def test_the_wish_list_filters_by_status_and_county(
    login, counselor, brigade, league_kunming, university
):
    wishes = [post(counselor, brigade, text=f"心愿{n}") for n in range(3)]
    services.wish_claim(actor=league_kunming, wish=wishes[0], institution=university)
    client = login(league_kunming)
    page = client.get(reverse("pairing:wish-list"), {"status": "claimed"})
    assert [w.pk for w in page.context["page"]] == [wishes[0].pk]
    page = client.get(reverse("pairing:wish-list"), {"county": "530102", "status": "open"})
    assert {w.pk for w in page.context["page"]} == {wishes[1].pk, wishes[2].pk}
    page = client.get(reverse("pairing:wish-list"), {"institution": university.pk})
    assert [w.pk for w in page.context["page"]] == [wishes[0].pk]
    page = client.get(reverse("pairing:wish-list"), {"county": "530402"})
    assert page.context["filter"].errors


def _sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["愿望卡（不写姓名）", "心愿内容", "类别", "预计价值（元）"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(
        "wishes.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_a_counselor_imports_wishes_from_excel_all_or_nothing(login, counselor, brigade):
    client = login(counselor)
    url = reverse("pairing:wish-import")
    assert client.get(reverse("pairing:wish-import-template")).status_code == 200
    bad = client.post(
        url,
        {
            "sheet": _sheet(
                [
                    ["某校一年级队员", "想要一本字典", "学习用品", "30"],
                    ["王小红", "想要一个书包", "学习用品", "80"],
                ]
            )
        },
    )
    assert bad.context["report"].has_errors
    assert not Wish.objects.exists()
    rows = [
        ["某校一年级队员", "想要一本字典", "学习用品", "30"],
        ["某校二年级队员", "想要一个书包", "学习用品", "80.50"],
    ]
    preview = client.post(url, {"sheet": _sheet(rows)})
    assert not preview.context["report"].has_errors
    client.post(url, {"token": preview.context["token"]})
    assert sorted(Wish.objects.values_list("estimated_value", flat=True)) == [
        Decimal("30.00"),
        Decimal("80.50"),
    ]
    again = client.post(url, {"sheet": _sheet(rows)})
    client.post(url, {"token": again.context["token"]})
    assert Wish.objects.count() == 2


@pytest.mark.parametrize(
    "name",
    ["pairing:wish-import", "pairing:wish-create"],
)
def test_only_counselors_post_or_import(login, league_kunming, school_staff, name):
    for user in (league_kunming, school_staff):
        assert login(user).get(reverse(name)).status_code == 403


def test_pairings_institutions_and_service_hours_pages(
    login, brigade, league_wuhua, league_province, university
):
    client = login(league_wuhua)
    response = client.post(
        reverse("pairing:pairing-create"),
        {
            "institution": university.pk,
            "brigade": brigade.pk,
            "year": 2026,
            "campaign": "情暖童心",
            "started_on": "2026-01-05",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    pairing = Pairing.objects.get()
    response = client.post(
        reverse("pairing:activity-create", args=[pairing.pk]),
        {
            "held_on": "2026-01-10",
            "kind": "tutoring",
            "volunteers": 8,
            "service_hours": "24.5",
            "children_reached": 30,
        },
    )
    assert response.status_code == 302
    hours = client.get(reverse("pairing:service-hours"))
    assert b'data-hours="24.5"' in hours.content
    xlsx = client.get(reverse("pairing:service-hours"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet[2][0].value == "云南大学"
    assert Decimal(str(sheet[2][4].value)) == Decimal("24.5")
    squad = brigade.squads.first()
    refused = client.post(
        reverse("pairing:pairing-create"),
        {
            "institution": university.pk,
            "brigade": brigade.pk,
            "squad": "没有这个中队",
            "year": 2026,
            "started_on": "2026-01-05",
        },
    )
    assert "squad" in refused.context["form"].errors
    client.post(
        reverse("pairing:pairing-create"),
        {
            "institution": university.pk,
            "brigade": brigade.pk,
            "squad": squad.name,
            "year": 2026,
            "started_on": "2026-01-05",
        },
    )
    assert Pairing.objects.filter(squad=squad, brigade=None).exists()
    for name in ("pairing:pairing-list", "pairing:institution-list"):
        assert client.get(reverse(name)).status_code == 200
        assert client.get(reverse(name), {"format": "xlsx"}).status_code == 200


def test_an_institution_has_a_page_with_its_pairings_and_history(
    login, university, brigade, league_province, league_wuhua, league_yuxi
):
    with_yunnan_university = services.pairing_create(
        actor=league_wuhua,
        institution=university,
        organization=brigade,
        year=2026,
        started_on=datetime.date(2026, 1, 5),
    )
    services.institution_update(
        actor=league_province, institution=university, contact_office="校团委青年志愿者协会"
    )
    url = reverse("pairing:institution-detail", args=[university.pk])

    listed = login(league_wuhua).get(reverse("pairing:institution-list")).content.decode()
    page = login(league_wuhua).get(url).content.decode()

    assert f'href="{url}"' in listed
    assert f'data-pairing="{with_yunnan_university.pk}"' in page
    assert 'data-table="history"' in page and "校团委青年志愿者协会" in page
    assert person_label(league_province) in page
    assert 'data-action="change-institution"' in page
    # Yuxi's League office sees no pairing of Kunming's institution with a Wuhua school.
    assert login(league_yuxi).get(url).status_code == 404


def test_a_gift_photo_is_in_the_wishs_history_only_for_those_who_see_the_photos(
    login, wish, league_wuhua, university, school_staff
):
    services.wish_claim(actor=league_wuhua, wish=wish, institution=university)
    photo = SimpleUploadedFile("gift.jpg", JPEG_BYTES, content_type="image/jpeg")
    services.wish_fulfil(actor=league_wuhua, wish=wish, photo=photo)

    rows = panel(login(school_staff), detail(wish))
    (added,) = file_entries(rows, WishPhoto, "gift.jpg").values()
    assert person_label(league_wuhua) in added

    Group.objects.get(name=school_staff.role).permissions.remove(
        Permission.objects.get(codename="view_wishphoto", content_type__app_label="pairing")
    )
    rows = panel(login(User.objects.get(pk=school_staff.pk)), detail(wish))
    assert file_entries(rows, WishPhoto, "gift.jpg") == {}
    assert rows, "the wish's own history still shows"
