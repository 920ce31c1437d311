"""Sign-in and sign-out pages for the reviewer UI (Django's auth views, our templates)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.views import LoginView

urlpatterns = [
    path(
        "login/",
        LoginView.as_view(),
        name="login",
    ),
    # POST only (Django 5): a logout link could be triggered by any page embedding it.
    path("logout/", auth_views.LogoutView.as_view(next_page="login"), name="logout"),
]
