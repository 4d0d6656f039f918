"""The portal's foundation in a real browser, at desktop and phone width: signing in, the
dashboard's scope figures, the school list and its filters, scope, navigation and layout."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from apps.organizations.models import Division
from tests.browser.support import assert_no_horizontal_scroll, is_phone, save_screenshot
from tests.conftest import PASSWORD
from tests.factories import SchoolFactory, division

LONG_NAME = "昆明市五华区外来务工人员随迁子女集中就读九年一贯制实验学校（红领巾示范校）"


def zh(source: str) -> str:
    """What the page shows for an English source string in the default language, zh-hans."""
    with translation.override("zh-hans"):
        return translation.gettext(source)


def login_form(page):
    return page.locator("main form").filter(has=page.locator("input[name=password]"))


def indicator(page, key: str):
    return page.locator(f'[data-indicator="{key}"]')


def school_rows(page):
    return page.locator('table[data-table="schools"] tbody tr[data-school]')


def school_names(page) -> list[str]:
    return sorted(school_rows(page).locator("th[scope=row]").all_inner_texts())


@pytest.fixture
def kunming_schools(divisions):
    """Schools across three Kunming districts (one with a very long name) and one in Yuxi."""
    return {
        "long": SchoolFactory(
            name=LONG_NAME,
            county=division("530102"),
            is_migrant_children_school=True,
            is_red_scarf_demonstration=True,
            address="云南省昆明市五华区人民中路与正义路交叉口往北三百米处",
        ),
        "wuhua": SchoolFactory(
            name="五华区第一小学", county=division("530102"), has_drum_corps=True
        ),
        "tenth": SchoolFactory(
            name="昆明市第十中学", county=division("530102"), is_transition_pilot=True
        ),
        "panlong": SchoolFactory(name="盘龙区第一小学", county=division("530103")),
        "guandu": SchoolFactory(
            name="官渡区外来务工子女学校",
            county=division("530111"),
            is_migrant_children_school=True,
        ),
        "yuxi": SchoolFactory(name="玉溪市红塔区第一小学", county=division("530402")),
    }


def test_it_signs_in_through_the_login_form_and_lands_on_the_scope_dashboard(
    page, live_url, edu_kunming, kunming_schools
):
    kunming_counties = Division.objects.filter(parent_id="530100").count()

    # given the Chinese login page
    page.goto(live_url("accounts:login"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    form = login_form(page)
    submit = form.locator("button[type=submit]")
    expect(submit).to_have_text(zh("Sign in"))

    # when
    form.locator("input[name=username]").fill(edu_kunming.username)
    form.locator("input[name=password]").fill(PASSWORD)
    submit.click()

    # then: Kunming's figures, not the province's (Yuxi's school is left out)
    expect(page).to_have_url(live_url("reports:dashboard"))
    expect(indicator(page, "divisions.counties")).to_have_attribute(
        "data-value", str(kunming_counties)
    )
    expect(indicator(page, "divisions.schools")).to_have_attribute("data-value", "5")
    expect(indicator(page, "schools.migrant_children")).to_have_attribute("data-value", "2")
    expect(page.locator("tr[data-county]")).to_have_count(kunming_counties)
    expect(page.locator('tr[data-county="530102"]')).to_be_visible()
    expect(page.locator('tr[data-county="530402"]')).to_have_count(0)
    expect(page.locator("tr[data-prefecture]")).to_have_count(0)


def test_it_keeps_a_wrong_password_on_the_login_page_with_the_error_at_the_form(
    page, live_url, edu_wuhua
):
    page.goto(live_url("accounts:login"))
    form = login_form(page)
    form.locator("input[name=username]").fill(edu_wuhua.username)
    form.locator("input[name=password]").fill("not-the-password")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/(\?.*)?$"))
    error = login_form(page).locator(".form-errors[role=alert]")
    expect(error).to_be_visible()
    expect(error).not_to_be_empty()
    # next to the form: on screen without scrolling, above the button it refers to
    expect(error).to_be_in_viewport()
    button_top = login_form(page).locator("button[type=submit]").bounding_box()["y"]
    assert error.bounding_box()["y"] < button_top
    expect(login_form(page).locator("input[name=username]")).to_have_value(edu_wuhua.username)
    expect(login_form(page).locator("input[name=password]")).to_have_value("")
    assert not [c for c in page.context.cookies() if c["name"] == "sessionid"]


def test_it_narrows_the_school_list_by_a_flag_and_by_name(
    page, live_url, sign_in_fast, edu_kunming, kunming_schools
):
    sign_in_fast(page, edu_kunming)
    page.goto(live_url("organizations:school-list"))
    expect(school_rows(page)).to_have_count(5)
    filters = page.locator('form[data-form="school-filter"]')
    toggle = page.locator('[data-action="show-filters"]')
    if page.viewport_size["width"] < 700:
        # on a phone the rows come first: the unused filters fold behind one button
        expect(filters).to_be_hidden()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    else:
        expect(toggle).to_have_count(0)
    expect(filters).to_be_visible()

    # when: only migrant workers' children schools
    filters.locator("select[name=is_migrant_children_school]").select_option("true")
    with page.expect_navigation():
        filters.locator("button[type=submit]").click()

    # then
    expect(page).to_have_url(re.compile(r"[?&]is_migrant_children_school=true"))
    expect(school_rows(page)).to_have_count(2)
    assert school_names(page) == sorted([LONG_NAME, "官渡区外来务工子女学校"])
    expect(school_rows(page).locator('[data-flag="migrant"]')).to_have_count(2)
    expect(page.locator("[data-total]")).to_have_attribute("data-total", "2")
    # the form keeps the choice, so the next filter narrows further
    expect(filters.locator("select[name=is_migrant_children_school]")).to_have_value("true")

    # when: the name as well
    filters.locator("input[name=name]").fill("官渡")
    with page.expect_navigation():
        filters.locator("button[type=submit]").click()

    # then
    expect(school_rows(page)).to_have_count(1)
    assert school_names(page) == ["官渡区外来务工子女学校"]

    # when: the filters are cleared
    with page.expect_navigation():
        filters.get_by_role("link", name=zh("Clear filters")).click()

    # then
    expect(school_rows(page)).to_have_count(5)


def test_a_county_user_never_sees_another_countys_schools(
    page, live_url, sign_in_fast, edu_wuhua, kunming_schools
):
    wuhua = sorted(kunming_schools[key].name for key in ("long", "wuhua", "tenth"))
    sign_in_fast(page, edu_wuhua)

    page.goto(live_url("organizations:school-list"))

    assert school_names(page) == wuhua
    for county in school_rows(page).evaluate_all("rows => rows.map(r => r.dataset.county)"):
        assert county == "530102"
    county_select = page.locator('form[data-form="school-filter"] select[name=county]')
    offered = county_select.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert [code for code in offered if code] == ["530102"]
    expect(page.locator('form[data-form="school-filter"] select[name=prefecture]')).to_have_count(0)

    # when: Panlong's code is forged into the URL
    page.goto(live_url("organizations:school-list", query={"county": "530103"}))

    # then: Panlong's school stays out of sight; the forged choice is not offered either
    expect(page.get_by_text(kunming_schools["panlong"].name)).to_have_count(0)
    assert school_names(page) == wuhua
    expect(county_select.locator('option[value="530103"]')).to_have_count(0)


def test_education_staff_add_a_squad_from_the_school_page_and_the_count_follows(
    page, sign_in_fast, live_url, edu_wuhua, kunming_schools
):
    school = kunming_schools["wuhua"]
    sign_in_fast(page, edu_wuhua)
    page.goto(live_url("organizations:school-detail", school.pk))
    squads = page.locator('table[data-table="squads"] tbody tr[data-squad]')
    expect(squads).to_have_count(school.squad_count)
    # the signed-in person as 姓名（单位）, not a login name
    expect(page.locator(".user-name")).to_have_text(
        f"{edu_wuhua.full_name}（{edu_wuhua.work_unit} {edu_wuhua.department}）"
    )

    page.locator('[data-action="add-squad"]').first.click()
    page.locator("input[name=name]").fill("六年级（3）班中队")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(live_url("organizations:school-detail", school.pk))
    expect(squads).to_have_count(school.squad_count + 1)
    expect(squads.last.locator("th")).to_have_text("六年级（3）班中队")
    expect(page.locator("[data-squad-count]")).to_have_text(str(school.squad_count + 1))
    assert_no_horizontal_scroll(page, "school page")


def test_the_phone_menu_hides_the_navigation_until_tapped(
    phone_page, sign_in_fast, live_url, edu_kunming
):
    page = sign_in_fast(phone_page, edu_kunming)
    page.goto(live_url("reports:dashboard"))
    nav = page.locator("#site-nav")
    toggle = page.locator("button.nav-toggle")
    expect(nav).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    toggle.tap()

    expect(nav).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    school_link = nav.locator(f'a[href="{reverse("organizations:school-list")}"]')
    expect(school_link).to_be_in_viewport()

    school_link.tap()

    expect(page).to_have_url(live_url("organizations:school-list"))
    expect(page.locator("#site-nav")).to_be_hidden()
    expect(page.locator("button.nav-toggle")).to_have_attribute("aria-expanded", "false")


def test_the_desktop_navigation_is_always_open_without_a_menu_button(
    desktop_page, sign_in_fast, live_url, edu_kunming
):
    page = sign_in_fast(desktop_page, edu_kunming)
    page.goto(live_url("organizations:school-list"))

    expect(page.locator("button.nav-toggle")).to_be_hidden()
    expect(page.locator("#site-nav")).to_be_visible()
    current = page.locator('#site-nav a[aria-current="page"]')
    expect(current).to_have_attribute("href", reverse("organizations:school-list"))


PAGES = {
    # name: (URL name, opened by a signed-in user, the school it is about)
    "home": ("core:home", False, None),
    "login": ("accounts:login", False, None),
    "dashboard": ("reports:dashboard", True, None),
    "school-list": ("organizations:school-list", True, None),
    "school-detail": ("organizations:school-detail", True, "long"),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_scrolls_sideways_or_loads_anything_from_outside(
    name, page, live_url, live_server, sign_in_fast, kunming_schools, edu_kunming
):
    url_name, signed_in, school = PAGES[name]
    if signed_in:
        sign_in_fast(page, edu_kunming)
    requests = []
    failed = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    args = [kunming_schools[school].pk] if school else []
    response = page.goto(live_url(url_name, *args))

    assert response.ok, f"{name}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    assert_no_horizontal_scroll(page, name)
    assert [url for url in requests if not url.startswith(live_server.url)] == []
    # Nothing the page asks for is missing: its styles, scripts and icon included.
    assert failed == []
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(live_server.url + icon).ok  # headless Chromium fetches no icon
    # For people to look at: CI keeps test-artifacts/.
    kind = "phone" if is_phone(page) else "desktop"
    save_screenshot(page, f"page-{name}-{kind}")
    if is_phone(page):
        # the opened menu (user name, scope, language switch) must fit as well
        page.locator("button.nav-toggle").tap()
        expect(page.locator("#site-nav")).to_be_visible()
        assert_no_horizontal_scroll(page, f"{name} with the menu open")
        save_screenshot(page, f"page-{name}-{kind}-menu")
