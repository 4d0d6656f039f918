from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.scope import ScopedQuerySet, code_prefix


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


class User(AbstractUser):
    """A portal user. Every user but a scope-less superuser has exactly one scope:
    a division (province, prefecture or county) or a school."""

    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    division = models.ForeignKey(
        "organizations.Division",
        verbose_name=_("division scope"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    school = models.ForeignKey(
        "organizations.School",
        verbose_name=_("school scope"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )

    # A user is in scope by their division, or by their school's county.
    scope_division_field = ("division__code", "school__county__code")
    scope_school_field = "school"
    objects = ScopedUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(division__isnull=False) & Q(school__isnull=False)),
                name="user_one_scope_at_most",
            ),
            models.CheckConstraint(
                condition=Q(is_superuser=True)
                | Q(division__isnull=False)
                | Q(school__isnull=False),
                name="user_scope_required",
            ),
        ]

    @property
    def scope_code(self) -> str | None:
        """The division code at the root of the user's scope (a school user: its county)."""
        if self.school_id:
            return self.school.county_id
        return self.division_id

    @property
    def scope_prefix(self) -> str | None:
        code = self.scope_code
        return code_prefix(code) if code else None

    @property
    def scope_label(self) -> str:
        if self.school_id:
            return self.school.name
        if self.division_id:
            return self.division.name
        return str(_("Whole portal"))
