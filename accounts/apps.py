from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from accounts.roles import sync_role_permissions
        from accounts.signals import revoke_tokens_on_password_change

        # After migrate, when Django has created the models' permissions.
        post_migrate.connect(sync_role_permissions, dispatch_uid="accounts.sync_role_permissions")
        post_save.connect(
            revoke_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="accounts.revoke_tokens_on_password_change",
        )
