"""The admin site's exports and imports (django-import-export) are in the security log like
the portal's."""

from apps.core.security import SecurityKind, SecurityOutcome
from apps.organizations.models import School
from tests.imports.conftest import xlsx_bytes
from tests.imports.test_admin import (
    COUNSELORS,
    SCHOOL_HEADERS,
    SCHOOLS,
    export,
    import_preview,
    school_row,
)
from tests.securitylog.conftest import events


def test_an_admin_export_records_masked_or_not(
    login, edu_wuhua, province_admin, wuhua_counselor, yuxi_counselor
):
    export(login(edu_wuhua), COUNSELORS)
    (masked,) = events(SecurityKind.EXPORT)
    assert masked.user == edu_wuhua
    assert masked.details["list"] == "admin:counselors.counselor"
    assert masked.details["rows"] == 1
    assert masked.details["masked"] is True
    assert not events(SecurityKind.PERSONAL_DATA)

    export(login(province_admin), COUNSELORS)
    full = events(SecurityKind.EXPORT, user=province_admin)[-1]
    assert full.details["rows"] == 2
    assert full.details["masked"] is False
    (shown,) = events(SecurityKind.PERSONAL_DATA)
    assert shown.details["count"] == 2
    assert "id_number" in shown.details["fields"]


def test_an_admin_import_preview_and_confirmation_are_recorded(login, edu_wuhua):
    client = login(edu_wuhua)
    content = xlsx_bytes(SCHOOL_HEADERS, [school_row("五华新校", "530102", squads=9)])

    preview = import_preview(client, SCHOOLS, content, name="新学校.xlsx")
    client.post(f"{SCHOOLS}process_import/", preview.context["confirm_form"].initial)

    assert School.objects.filter(name="五华新校").exists()
    (previewed,) = events(SecurityKind.IMPORT_PREVIEW)
    assert previewed.user == edu_wuhua
    assert previewed.details["page"] == "admin:organizations.school"
    assert previewed.details["file"] == "新学校.xlsx"
    assert previewed.details["rows"] == 1
    (confirmed,) = events(SecurityKind.IMPORT_CONFIRM)
    assert confirmed.details["file"] == "新学校.xlsx"
    assert confirmed.details["rows"] == 1
    assert confirmed.outcome == SecurityOutcome.SUCCESS
