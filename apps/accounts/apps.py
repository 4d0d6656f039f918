from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from apps.core import registry


class AccountsConfig(registry.AreaConfig):
    name = "apps.accounts"
    verbose_name = _("Accounts")
    demo_after = ("organizations",)

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from apps.accounts.roles import sync_role_groups
        from apps.accounts.signin import on_sign_in

        # Like Django's own create_permissions: role groups follow the code after every migrate.
        post_migrate.connect(sync_role_groups, dispatch_uid="accounts.sync_role_groups")
        user_logged_in.connect(on_sign_in, dispatch_uid="accounts.on_sign_in")
