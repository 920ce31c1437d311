"""The sign-in page: Django's login view, under the login-failure policy (accounts.lockout)."""

from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    """Django's login view. Failed sign-ins are counted by django-axes (accounts.lockout),
    which also answers 429 with Retry-After, the right password included, while the
    client is locked out; /admin/login/ shares the same count."""

    redirect_authenticated_user = True
