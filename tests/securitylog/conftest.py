"""Security log fixtures: the counselors of tests/counselors, and the events of one kind."""

import pytest
from axes.utils import reset as axes_reset

from apps.securitylog.models import SecurityEvent
from tests.counselors.conftest import (  # noqa: F401  (fixtures shared with the counselor tests)
    me,
    wuhua_counselor,
    wuhua_school,
    yuxi_counselor,
    yuxi_school,
)
from tests.exports.conftest import run_worker  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    axes_reset()


def events(kind, **filters):
    """The events of ``kind`` (and ``filters``), oldest first."""
    return list(SecurityEvent.objects.filter(kind=kind, **filters).order_by("at", "id"))
