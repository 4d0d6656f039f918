"""Factories for title applications and the counselors who apply."""

import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.accounts.choices import Role
from apps.core import clock
from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.models import Counselor
from apps.counselors.validators import build_id_number
from apps.titles.choices import ApplicationStatus, ReviewLevel, Track
from apps.titles.models import TitleApplication
from tests.factories import SchoolFactory, UserFactory

# The round open to applicants when the tests run (this year's; next year's is open too).
THIS_YEAR = clock.today().year


def id_number(county_code: str, birth_date: datetime.date, serial: int) -> str:
    """A well-formed resident ID number (GB 11643-1999) with a correct check character."""
    return build_id_number(region=county_code, birth=birth_date, sequence=serial)


class ApplicantFactory(DjangoModelFactory):
    """A brigade counselor at a school, with a counselor account linked to the record."""

    class Meta:
        model = Counselor
        skip_postgeneration_save = True

    name = factory.Faker("name")
    gender = Gender.FEMALE
    birth_date = datetime.date(1986, 3, 14)
    school = factory.SubFactory(SchoolFactory)
    county = factory.LazyAttribute(lambda o: o.school.county if o.school else None)
    id_number = factory.Sequence(lambda n: id_number("530102", datetime.date(1986, 3, 14), n))
    post = CounselorPost.BRIGADE
    post_rank = PostRank.MIDDLE
    teacher_title = TeacherTitle.SECOND
    user = factory.LazyAttribute(
        lambda o: UserFactory(
            role=Role.COUNSELOR,
            division=None if o.school else o.county,
            school=o.school,
        )
    )

    class Params:
        # A county's chief counselor: belongs to the county, not to a school.
        county_chief = factory.Trait(post=CounselorPost.COUNTY_CHIEF, school=None)


class TitleApplicationFactory(DjangoModelFactory):
    """An application written straight to the database, for tests of reads (lists, queue,
    indicators). Tests of the workflow go through the services instead."""

    class Meta:
        model = TitleApplication

    applicant = factory.SubFactory(ApplicantFactory)
    track = Track.YP_ACTIVITIES
    target_title = TeacherTitle.FIRST
    year = 2017
    statement = factory.Faker("paragraph")
    created_by = factory.LazyAttribute(lambda o: o.applicant.user)
    updated_by = factory.SelfAttribute("created_by")

    class Params:
        approved = factory.Trait(
            status=ApplicationStatus.APPROVED,
            submission_count=1,
            submitted_at=factory.LazyFunction(timezone.now),
            decided_at=factory.LazyFunction(timezone.now),
        )
        rejected = factory.Trait(
            status=ApplicationStatus.REJECTED,
            submission_count=1,
            submitted_at=factory.LazyFunction(timezone.now),
            decided_at=factory.LazyFunction(timezone.now),
        )

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # ``waiting_at=ReviewLevel.COUNTY``: submitted and waiting at that level.
        level = kwargs.pop("waiting_at", None)
        if level is not None:
            now = timezone.now()
            kwargs.update(
                status=ApplicationStatus.SUBMITTED,
                current_level=ReviewLevel(level),
                submission_count=kwargs.get("submission_count") or 1,
                submitted_at=kwargs.get("submitted_at") or now,
                waiting_since=now,
            )
        return kwargs


# The smallest files each format's signature check accepts.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def upload(name: str = "certificate.pdf", content: bytes = PDF_BYTES, content_type=None):
    """An uploaded file as a browser would send it (the content type is the browser's claim)."""
    return SimpleUploadedFile(name, content, content_type=content_type or "application/pdf")
