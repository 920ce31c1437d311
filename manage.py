#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    # manage.py is the developer's tool: without a DEBUG setting it runs in debug mode
    # with the dev-only secret, so `makemigrations` or `shell` work in a fresh checkout.
    # The app as served (gunicorn factcheck.wsgi) stays off by default and then needs a
    # SECRET_KEY; production management commands run with DEBUG=0 set explicitly.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
