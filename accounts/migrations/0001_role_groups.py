"""Create the reviewer, editor and admin groups that roles are made of."""

from django.db import migrations

ROLES = ("reviewer", "editor", "admin")  # frozen copy: migrations must not import app code


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
