from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core import freshness
from apps.core.models import reference
from apps.core.people import person_label
from apps.core.scope import ScopedQuerySet, code_prefix


class ScopedUserManager(UserManager.from_queryset(ScopedQuerySet)):
    pass


class User(AbstractUser):
    """A portal user. Every user but a scope-less superuser has exactly one scope:
    a division (province, prefecture or county) or a school.

    People are shown as 姓名（单位） (``apps.core.people``): a full name, and the body and
    department they work for (共青团云南省委 少年部, 昆明市教育体育局 基础教育处), never
    their login name.
    """

    # A Chinese name is one string; the split first/last name of AbstractUser is dropped.
    first_name = None
    last_name = None
    full_name = models.CharField(_("full name"), max_length=50)
    # The unit of 姓名（单位）: the body, then the department inside it.
    work_unit = models.CharField(
        _("work unit"), max_length=100, blank=True, help_text=_("e.g. 昆明市教育体育局")
    )
    department = models.CharField(
        _("department"), max_length=100, blank=True, help_text=_("e.g. 少年部, 基础教育处")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    division = reference(
        "organizations.Division", _("division scope"), optional=True, related_name="users"
    )
    school = reference(
        "organizations.School", _("school scope"), optional=True, related_name="users"
    )

    # Set at sign-in when the password is shorter than the current rules allow (or by an
    # administrator): every page then leads to the password change until a new one is
    # chosen (apps.accounts.middleware).
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("The user must choose a new password before using the portal."),
    )

    # Reminders and escalations always reach the in-portal inbox; e-mail only while this
    # is on and the account has an address (apps.inbox.delivery).
    email_reminders = models.BooleanField(
        _("e-mail me reminders"),
        default=True,
        help_text=_("Also send reminders and escalations to my e-mail address."),
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

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    def __str__(self) -> str:
        # A person wherever an account is named (admin lists, history, pickers): 姓名（单位）.
        # The login name is the admin's own column where an administrator needs it.
        return person_label(self)

    @property
    def person_name(self) -> str:
        return self.full_name or self.username

    @property
    def person_unit(self) -> str:
        return " ".join(part for part in (self.work_unit, self.department) if part)

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

    # The permission set, kept until a write to the permission tables (apps.core.freshness):
    # read on every page, by the access rules, the menu and the buttons. ``has_perm`` and
    # ``has_module_perms`` answer from it as the portal's one permission backend would
    # (PortalBackend, a ModelBackend; axes' backend grants none); a check on an object asks
    # the backends.
    def get_all_permissions(self, obj=None) -> set[str]:
        if obj is not None or not self.is_active:
            return super().get_all_permissions(obj)
        return set(self._permission_set())

    def has_perm(self, perm, obj=None) -> bool:
        if obj is not None or not self.is_active:
            return super().has_perm(perm, obj)
        return self.is_superuser or perm in self._permission_set()

    def has_module_perms(self, app_label) -> bool:
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        prefix = f"{app_label}."
        return any(perm.startswith(prefix) for perm in self._permission_set())

    def _permission_set(self) -> frozenset[str]:
        kept = self.__dict__.get("_kept_permissions")
        if kept is None:
            kept = freshness.cached(
                freshness.key("permissions", self.pk),
                lambda: frozenset(super(User, self).get_all_permissions()),
            )
            self._kept_permissions = kept
        return kept
