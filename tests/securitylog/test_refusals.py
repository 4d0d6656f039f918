"""Permission refusals (403) are in the security log, whether the access rule refused the
URL or a view or service raised PermissionDenied; the portal.security logger's warnings
land there too, even when the service that logged them rolled back."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from apps.core.security import SecurityKind, SecurityOutcome
from apps.counselors.models import Counselor
from tests.counselors.test_id_number_refusal import _form
from tests.securitylog.conftest import events


def test_a_url_the_access_rule_refuses_is_recorded(login, official_kunming):
    url = reverse("counselors:counselor-create")

    response = login(official_kunming).get(url, REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 403
    (event,) = events(SecurityKind.PERMISSION_DENIED)
    assert event.user == official_kunming
    assert event.path == url
    assert event.ip_address == "10.1.2.3"
    assert event.outcome == SecurityOutcome.REFUSED
    assert event.details["view"] == "counselors:counselor-create"
    assert event.details["method"] == "GET"


def test_a_permission_denied_raised_by_a_view_is_recorded(login, inspector, wuhua_counselor):
    # given a reader of the counselor list without the right to export it: the URL's rule
    # lets them in, the export path inside the view raises PermissionDenied
    inspector.groups.clear()
    inspector.user_permissions.add(
        Permission.objects.get(content_type__app_label="counselors", codename="view_counselor")
    )

    response = login(inspector).get(reverse("counselors:counselor-list"), {"format": "xlsx"})

    assert response.status_code == 403
    (event,) = events(SecurityKind.PERMISSION_DENIED)
    assert event.user == inspector
    assert event.details["view"] == "counselors:counselor-list"
    assert not events(SecurityKind.EXPORT)


def test_a_page_that_is_allowed_records_no_refusal(login, edu_wuhua, wuhua_counselor):
    assert login(edu_wuhua).get(reverse("counselors:counselor-list")).status_code == 200

    assert not events(SecurityKind.PERMISSION_DENIED)


def test_a_security_warning_is_kept_though_the_refused_write_rolled_back(
    login, edu_wuhua, wuhua_school, yuxi_counselor
):
    # given an ID number registered in another region
    taken = yuxi_counselor.id_number

    # when Wuhua tries to register it
    response = login(edu_wuhua).post(
        reverse("counselors:counselor-create"),
        _form(wuhua_school, taken, yuxi_counselor.birth_date),
    )

    # then the page answers neutrally, nothing is written, and the attempt is on record
    assert response.status_code == 200
    assert Counselor.objects.filter(id_number=taken).count() == 1
    (event,) = events(SecurityKind.WARNING)
    assert event.user == edu_wuhua
    assert event.details["logger"] == "portal.security"
    assert event.details["level"] == "WARNING"
    assert "ID number already registered" in event.details["message"]
    assert taken not in str(event.details)
