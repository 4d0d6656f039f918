from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.scope import ScopedManager
from apps.counselors.choices import (
    ETHNICITY_CHOICES,
    CounselorPost,
    Gender,
    PostRank,
    TeacherTitle,
)


class Counselor(models.Model):
    """A Young Pioneer counselor: a brigade or squad counselor at a school, or a county's
    chief counselor (who belongs to the county, not to a school)."""

    name = models.CharField(_("name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    ethnicity = models.CharField(
        _("ethnicity"), max_length=16, choices=ETHNICITY_CHOICES, default="汉族"
    )
    birth_date = models.DateField(_("birth date"))
    # Stored in full, shown masked unless the viewer holds counselors.view_full_id_number.
    id_number = models.CharField(_("ID number"), max_length=18, unique=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    county = models.ForeignKey(
        "organizations.Division",
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="counselors",
        limit_choices_to={"level": "county"},
    )
    school = models.ForeignKey(
        "organizations.School",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        related_name="counselors",
        null=True,
        blank=True,
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
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="counselor",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    scope_division_field = "county__code"
    scope_school_field = "school"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("counselor")
        verbose_name_plural = _("counselors")
        ordering = ["county_id", "school_id", "name", "id"]
        permissions = [("view_full_id_number", _("Can see full ID numbers"))]
        constraints = [
            # School counselors belong to a school; a county chief counselor to none.
            models.CheckConstraint(
                condition=Q(post="county_chief", school__isnull=True)
                | Q(~Q(post="county_chief"), school__isnull=False),
                name="counselor_school_matches_post",
            ),
        ]
        indexes = [
            models.Index(fields=["county", "school", "name", "id"], name="counselor_list_order")
        ]

    def __str__(self):
        return self.name
