from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from apps.accounts.roles import sync_role_groups

        # Like Django's own create_permissions: role groups follow the code after every migrate.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
