import datetime

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from apps.counselors.choices import PostRank
from apps.counselors.indicators import counselor_indicators
from apps.counselors.selectors import brigade_post_for_school, brigade_posts_for_schools
from apps.organizations.choices import SchoolType
from tests.factories import SchoolFactory, division
from tests.factories.counselors import CounselorFactory

AS_OF = datetime.date(2018, 6, 30)


def test_a_school_without_a_brigade_counselor_is_vacant(divisions):
    school = SchoolFactory()
    CounselorFactory(school=school, squad=True)

    post = brigade_post_for_school(school=school)

    assert post["expected"] and not post["filled"] and not post["ranked"]


def test_a_filled_post_is_ranked_when_a_holder_ranks_at_least_middle_management(divisions):
    below, middle = SchoolFactory(), SchoolFactory()
    CounselorFactory(school=below, post_rank=PostRank.BELOW)
    CounselorFactory(school=middle, post_rank=PostRank.ABOVE)

    posts = brigade_posts_for_schools(schools=[below, middle])

    assert posts[below.pk]["filled"] and not posts[below.pk]["ranked"]
    assert posts[middle.pk]["filled"] and posts[middle.pk]["ranked"]


def test_brigade_posts_of_many_schools_take_one_query(divisions, django_assert_num_queries):
    schools = SchoolFactory.create_batch(5)
    for school in schools:
        CounselorFactory(school=school)

    with django_assert_num_queries(1):
        posts = brigade_posts_for_schools(schools=schools)
    assert all(post["filled"] for post in posts.values())


def test_the_partial_renders_the_post_for_the_school_page(divisions):
    school = SchoolFactory()
    CounselorFactory(school=school, name="周红", post_rank=PostRank.BELOW)
    template = Template("{% load counselors %}{% school_brigade_post school %}")

    html = template.render(Context({"school": school, "request": RequestFactory().get("/")}))

    assert 'data-filled="yes"' in html
    assert 'data-ranked="no"' in html
    assert "周红" in html


def test_indicators_count_posts_of_primary_junior_and_nine_year_schools(divisions):
    wuhua = division("530102")
    filled_ranked = SchoolFactory(county=wuhua, school_type=SchoolType.PRIMARY)
    filled_below = SchoolFactory(county=wuhua, school_type=SchoolType.JUNIOR)
    SchoolFactory(county=wuhua, school_type=SchoolType.NINE_YEAR)  # vacant
    complete = SchoolFactory(county=wuhua, school_type=SchoolType.COMPLETE)
    elsewhere = SchoolFactory(county=division("530402"))
    CounselorFactory(school=filled_ranked, post_rank=PostRank.MIDDLE)
    CounselorFactory(school=filled_ranked, squad=True)
    CounselorFactory(school=filled_below, post_rank=PostRank.BELOW)
    CounselorFactory(school=complete)
    CounselorFactory(school=elsewhere)
    CounselorFactory(school=None, county_chief=True, county=wuhua)

    figures = counselor_indicators(scope=division("530102"), as_of=AS_OF)["counselors"]

    assert figures["total"] == 5
    assert figures["brigade_posts"] == {
        "schools": 3,
        "filled": 2,
        "ranked_middle_management": 1,
    }
    province = counselor_indicators(scope=division("530000"), as_of=AS_OF)["counselors"]
    assert province["total"] == 6
    assert province["brigade_posts"]["schools"] == 4


def test_counselor_indicators_take_a_fixed_number_of_queries(divisions, django_assert_num_queries):
    province = division("530000")
    CounselorFactory.create_batch(2)
    with django_assert_num_queries(3):
        counselor_indicators(scope=province, as_of=AS_OF)
    CounselorFactory.create_batch(6)
    with django_assert_num_queries(3):
        counselor_indicators(scope=province, as_of=AS_OF)


def test_the_dashboard_shows_the_counselor_and_training_panels(login, edu_kunming, divisions):
    CounselorFactory()

    response = login(edu_kunming).get("/dashboard/", {"year": 2017})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-panel="counselors"' in body
    assert 'data-indicator="counselors.total" data-value="1">1<' in body
    assert 'data-panel="training"' in body


def test_the_school_page_shows_whether_its_brigade_post_is_filled_and_ranked(login, edu_wuhua):
    # given one school with a brigade counselor ranked below middle management, one without
    filled = SchoolFactory(county=division("530102"))
    CounselorFactory(school=filled, post_rank=PostRank.BELOW)
    vacant = SchoolFactory(county=division("530102"))
    client = login(edu_wuhua)

    # when
    filled_page = client.get(reverse("organizations:school-detail", args=[filled.pk]))
    vacant_page = client.get(reverse("organizations:school-detail", args=[vacant.pk]))

    # then
    assert 'data-filled="yes" data-ranked="no"' in filled_page.content.decode()
    assert 'data-filled="no"' in vacant_page.content.decode()
