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
        from accounts.usernames import UsernameRules

        # After migrate, when Django has created the models' permissions.
        post_migrate.connect(sync_role_permissions, dispatch_uid="accounts.sync_role_permissions")
        post_save.connect(
            revoke_tokens_on_password_change,
            sender=get_user_model(),
            dispatch_uid="accounts.revoke_tokens_on_password_change",
        )
        # Every form that validates User (the admin's add and change forms included)
        # applies the username rules. Added to the field's validator list, not to its
        # constructor arguments, so auth's migrations do not change.
        field = get_user_model()._meta.get_field("username")
        if not any(isinstance(v, UsernameRules) for v in field.validators):
            field.validators.append(UsernameRules())
