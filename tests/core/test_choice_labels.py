"""A row's choice label (``get_FOO_display``) of an audited model: its field's labels are
gathered once, and still translated into the language of the moment."""

from django.utils import translation

from apps.core.models import choice_labels
from apps.organizations.choices import SchoolType
from apps.organizations.models import School


def test_the_label_follows_the_active_language_and_an_unknown_value_shows_itself():
    school = School(school_type=SchoolType.PRIMARY)
    field = School._meta.get_field("school_type")

    with translation.override("en"):
        english = school.get_school_type_display()
    with translation.override("zh-hans"):
        chinese = school.get_school_type_display()

    assert english == "Primary school"
    assert chinese == "小学"
    assert choice_labels(field) is choice_labels(field)  # gathered once
    school.school_type = "no-such-type"
    assert school.get_school_type_display() == "no-such-type"
