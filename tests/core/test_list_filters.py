"""Every list's filter form is the one partial (templates/_partials/list_filters.html): the
same markup, so portal.js folds each behind one button on a phone, and the same Clear
filters link back to the unfiltered list."""

import pytest
from django.urls import reverse

LISTS = [
    ("meetings:meeting-list", "meeting-filter"),
    ("meetings:decision-list", "decision-filter"),
    ("transition:pilot-list", "pilot-filter"),
    ("organizations:school-list", "school-filter"),
    ("pairing:wish-list", "filters"),
    ("funding:program-list", "filters"),
    ("documents:document-list", "filters"),
    ("counselors:counselor-list", "filters"),
    ("training:course-list", "filters"),
    ("titles:application-overview", "filters"),
]


@pytest.mark.parametrize(("url_name", "form_name"), LISTS)
def test_each_list_shows_the_one_filter_form(url_name, form_name, login, edu_kunming):
    response = login(edu_kunming).get(reverse(url_name))

    assert response.status_code == 200
    html = response.content.decode()
    form = html.split(f'<form method="get" class="filters" data-form="{form_name}">', 1)[1]
    form = form.split("</form>", 1)[0]
    assert '<button type="submit" class="button primary">' in form
    assert '<a class="button" href="?">' in form
    assert response.context["filter"].form.visible_fields()[0].html_name in form
