from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model

        from accounts.roles import sync_role_permissions
        from accounts.usernames import UsernameRules

        # After migrate, when Django has created the models' permissions.
        post_migrate.connect(sync_role_permissions, dispatch_uid="accounts.sync_role_permissions")
        # Every form that validates User (the admin's add and change forms included)
        # applies the username rules. Added to the field's validator list, not to its
        # constructor arguments, so auth's migrations do not change.
        field = get_user_model()._meta.get_field("username")
        if not any(isinstance(v, UsernameRules) for v in field.validators):
            field.validators.append(UsernameRules())
