from django.apps import AppConfig


class ApiSupportConfig(AppConfig):
    name = "api_support"
    verbose_name = "API support (idempotency keys)"
