"""The shared import pages built from declarations alone: the resource bound to the user, the
template's title and notes, and where a committed import goes."""

import io

import openpyxl
import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from apps.exports.import_views import SpreadsheetImportView, SpreadsheetTemplateView
from apps.exports.imports import template_notes
from apps.organizations.resources import SchoolResource


class DeclaredTemplateView(SpreadsheetTemplateView):
    resource_class = SchoolResource
    filename = "schools-template"
    title = "Schools"
    row_name = "school"
    notes = ("A school is known by its county and name.",)


class DeclaredImportView(SpreadsheetImportView):
    resource_class = SchoolResource
    success_url_name = "organizations:school-list"


def view_for(view_class, user):
    request = RequestFactory().get("/")
    request.user = user
    view = view_class()
    view.setup(request)
    return view


def test_a_declared_template_is_a_workbook_of_the_resources_columns_and_notes(edu_wuhua):
    with translation.override("en"):
        response = view_for(DeclaredTemplateView, edu_wuhua).get(None)
        shared = template_notes(row_name="school")

    assert response["Content-Disposition"] == 'attachment; filename="schools-template.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet, instructions = workbook.worksheets
    assert sheet.title == "Schools"
    assert [cell.value for cell in sheet[1]] == [c.header for c in SchoolResource.columns]
    notes = [row[0] for row in instructions.iter_rows(values_only=True)][: len(shared) + 1]
    assert notes == [*shared, "A school is known by its county and name."]


def test_the_declared_resource_is_bound_to_the_signed_in_user(edu_wuhua):
    for view_class in (DeclaredTemplateView, DeclaredImportView):
        resource = view_for(view_class, edu_wuhua).get_resource()

        assert isinstance(resource, SchoolResource)
        assert resource.actor == edu_wuhua


def test_a_committed_import_goes_to_the_declared_page(edu_wuhua):
    url = view_for(DeclaredImportView, edu_wuhua).get_success_url()

    assert url == reverse("organizations:school-list")


@pytest.mark.parametrize(
    ("view_class", "method"),
    [
        (SpreadsheetTemplateView, "get_resource"),
        (SpreadsheetTemplateView, "get_title"),
        (SpreadsheetImportView, "get_resource"),
        (SpreadsheetImportView, "get_success_url"),
    ],
)
def test_a_page_missing_a_declaration_says_which(edu_wuhua, view_class, method):
    with pytest.raises(NotImplementedError, match="Set "):
        getattr(view_for(view_class, edu_wuhua), method)()


def test_without_a_row_name_the_template_has_only_its_own_notes(edu_wuhua):
    view = view_for(DeclaredTemplateView, edu_wuhua)
    view.row_name = ""

    assert view.get_notes() == [str(DeclaredTemplateView.notes[0])]
