from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.history import Masked
from apps.core.models import (
    AuditedModel,
    VersionedModel,
    account_link,
    empty_exactly_when,
    reference,
)
from apps.core.scope import ScopedManager
from apps.counselors.choices import (
    ETHNICITY_CHOICES,
    CounselorPost,
    Gender,
    PostRank,
    TeacherTitle,
)
from apps.counselors.masking import (
    can_see_full_birth_date,
    can_see_full_id_number,
    can_see_full_phone,
    mask_birth_date,
    mask_id_number,
    mask_phone,
)
from apps.counselors.validators import id_birth_date, validate_id_number, validate_phone

# Ranks that satisfy "no lower than the school's middle management" (不低于学校中层管理岗位).
RANKED_AT_LEAST_MIDDLE = (PostRank.MIDDLE, PostRank.ABOVE)


class Counselor(AuditedModel, VersionedModel):
    """A Young Pioneer counselor: a brigade or squad counselor at a school, or a county's
    chief counselor (who belongs to the county, not to a school).

    Audited (who changed what, kept in its history) and versioned, so an edit made on a page
    loaded before someone else's change is refused rather than written over it.
    """

    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=16, choices=ETHNICITY_CHOICES, default="汉族"
    )
    birth_date = models.DateField(_("birth date"))
    # Stored in full, shown masked unless the viewer holds counselors.view_full_id_number.
    id_number = models.CharField(
        _("ID number"), max_length=18, unique=True, validators=[validate_id_number]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[validate_phone])
    county = reference(
        "organizations.Division",
        _("county"),
        related_name="counselors",
        limit_choices_to={"level": "county"},
    )
    school = reference(
        "organizations.School", _("school"), optional=True, related_name="counselors"
    )
    post = models.CharField(_("post"), max_length=16, choices=CounselorPost.choices)
    post_rank = models.CharField(
        _("post rank against middle management"),
        max_length=8,
        choices=PostRank.choices,
        default=PostRank.BELOW,
    )
    teacher_title = models.CharField(
        _("teacher title"), max_length=16, choices=TeacherTitle.choices, default=TeacherTitle.NONE
    )
    user = account_link(_("user account"), related_name="counselor", one_to_one=True)

    objects = ScopedManager(division="county__code", school="school")
    # In the history as on the page: masked unless the viewer may see them in full.
    masked_fields = {
        "id_number": Masked(mask_id_number, lambda viewer, row: can_see_full_id_number(viewer)),
        "phone": Masked(mask_phone, can_see_full_phone),
        "birth_date": Masked(mask_birth_date, can_see_full_birth_date),
    }

    class Meta:
        verbose_name = _("counselor")
        verbose_name_plural = _("counselors")
        ordering = ["county_id", "school_id", "name", "id"]
        permissions = [("view_full_id_number", _("Can see full ID numbers"))]
        constraints = [
            # School counselors belong to a school; a county chief counselor to none.
            empty_exactly_when("school", {"post": "county_chief"}, "counselor_school_matches_post"),
        ]
        indexes = [
            models.Index(fields=["county", "school", "name", "id"], name="counselor_list_order"),
            # The counselor list pages by (county, name, id) with keyset pagination.
            models.Index(fields=["county", "name", "id"], name="counselor_keyset_order"),
            # The brigade counselor posts filled and ranked, school by school (indicators).
            models.Index(
                fields=["school", "post_rank"],
                condition=Q(post="brigade"),
                name="counselor_brigade_school",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def person_name(self) -> str:
        return self.name

    @property
    def person_unit(self) -> str:
        """The school, or the county of a county chief counselor (shown as 姓名（单位）)."""
        return self.school.name if self.school_id else self.county.name

    @property
    def has_account(self) -> bool:
        return self.user_id is not None

    @property
    def is_ranked_at_least_middle(self) -> bool:
        return self.post_rank in RANKED_AT_LEAST_MIDDLE

    def clean(self):
        errors = {}
        # The ID number encodes the birth date; the two must tell the same story.
        if self.id_number and self.birth_date and len(self.id_number) == 18:
            encoded = id_birth_date(self.id_number)
            if encoded is not None and encoded != self.birth_date:
                errors["id_number"] = _(
                    "The birth date in the ID number (%(date)s) differs from the birth date."
                ) % {"date": encoded.isoformat()}
        if self.post == CounselorPost.COUNTY_CHIEF and self.school_id is not None:
            errors["school"] = _("A county chief counselor belongs to the county, not a school.")
        elif self.post and self.post != CounselorPost.COUNTY_CHIEF and self.school_id is None:
            errors["school"] = _("A brigade or squad counselor needs a school.")
        elif (
            self.school_id is not None
            and self.county_id is not None
            and self.school.county_id != self.county_id
        ):
            errors["school"] = _("The school is not in the chosen county.")
        if errors:
            raise ValidationError(errors)
