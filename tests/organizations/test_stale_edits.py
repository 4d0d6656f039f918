"""Lost updates on the organization tree: an edit page saved after someone else saved the
same row is refused with the core's message, the other change kept (tests/stale.py)."""

import pytest

from apps.organizations.models import Brigade, Squad
from tests.factories import (
    ChiefCounselorPostFactory,
    CommitteeMemberFactory,
    SchoolFactory,
    WorkCommitteeFactory,
)
from tests.stale import assert_stale_save_refused

pytestmark = pytest.mark.django_db

EDUCATION = ("edu_wuhua", "edu_kunming")
LEAGUE = ("league_province", "league_kunming")


def a_school():
    return SchoolFactory(name="五华区实验小学", address="旧址")


def a_committee():
    return WorkCommitteeFactory(name="五华区少工委")


def a_member():
    return CommitteeMemberFactory(name="李明", position="委员")


def a_chief_counselor_post():
    return ChiefCounselorPostFactory(holder_name="王芳")  # of 五华区 (530102)


def a_brigade():
    return Brigade.objects.get(school=SchoolFactory(name="五华区实验小学", squad_count=1))


def a_squad():
    return Squad.objects.get(brigade__school=SchoolFactory(name="五华区实验小学", squad_count=1))


# people: (first, second) of assert_stale_save_refused, by fixture name; make: the row; page:
# its edit page; theirs: what second saved, which the row keeps; mine: what first typed
EDITS = {
    "school": (EDUCATION, a_school, "schools/{pk}/edit/", "address", "翠湖南路1号", "人民中路2号"),
    "committee": (
        LEAGUE,
        a_committee,
        "committees/{pk}/edit/",
        "name",
        "五华区少先队工作委员会",
        "五华区少工委（新）",
    ),
    "committee member": (LEAGUE, a_member, "members/{pk}/edit/", "position", "副主任", "秘书长"),
    "chief counselor post": (
        EDUCATION,
        a_chief_counselor_post,
        "divisions/530102/chief-counselor/",
        "holder_name",
        "赵磊",
        "钱敏",
    ),
    "brigade": (EDUCATION, a_brigade, "brigades/{pk}/edit/", "name", "他们改的名", "我改的名"),
    "squad": (EDUCATION, a_squad, "squads/{pk}/edit/", "name", "他们改的名", "我改的名"),
}


@pytest.mark.parametrize(
    ("people", "make", "page", "field", "theirs", "mine"), EDITS.values(), ids=EDITS
)
def test_a_stale_edit_is_refused(request, people, make, page, field, theirs, mine):
    first, second = map(request.getfixturevalue, people)
    row = make()

    assert_stale_save_refused(
        first=first,
        second=second,
        url=f"/organizations/{page.format(pk=row.pk)}",
        theirs={field: theirs},
        mine={field: mine},
        row=row,
    )
