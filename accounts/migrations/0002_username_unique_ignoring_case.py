"""A unique index on LOWER(username): `ALICE` beside `alice` refused by the database too.

Issue 8 point 10. accounts.usernames refuses case variants (and look-alikes) in
Python for every way an account is made; this index is the backstop. auth_user
belongs to django.contrib.auth, so the index is plain SQL (the same statement on
PostgreSQL and SQLite, both of which index expressions).

Existing databases may already hold case variants (the old create_user took any
name). Migrating must not fail on them, and renaming someone's account is not a
migration's call: the index is then left out, the clashing names are printed, and
running `manage.py migrate accounts 0001 && manage.py migrate accounts` after
renaming them adds it.
"""

from django.db import migrations

INDEX = "accounts_username_lower_unique"


def create_index(apps, schema_editor):
    User = apps.get_model("auth", "User")
    table = schema_editor.quote_name(User._meta.db_table)
    seen: dict[str, str] = {}
    clashes = []
    names = User.objects.using(schema_editor.connection.alias).order_by("pk")
    for name in names.values_list("username", flat=True):
        key = name.lower()
        if key in seen:
            clashes.append((seen[key], name))
        seen.setdefault(key, name)
    if clashes:
        listed = ", ".join(f"{a!r}/{b!r}" for a, b in clashes)
        print(f"\n  usernames differing only in case: {listed}; {INDEX} not created", end="")
        return
    schema_editor.execute(f"CREATE UNIQUE INDEX {INDEX} ON {table} (LOWER(username))")


def drop_index(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
