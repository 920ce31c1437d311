"""Length caps on text columns (issue 8 point 13): validators, then one CHECK per model."""

import django.core.validators
from django.conf import settings
from django.db import migrations, models

from factcheck.limits import truncate_overlong


class Migration(migrations.Migration):

    dependencies = [
        ('history', '0001_history_entries'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        truncate_overlong('history', 'historyentry', {'reason': 10000}),
        migrations.AlterField(
            model_name='historyentry',
            name='reason',
            field=models.TextField(blank=True, default='', help_text='Why, when the actor said so.', max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AddConstraint(
            model_name='historyentry',
            constraint=models.CheckConstraint(condition=models.Q(('reason__length__lte', 10000)), name='history_entry_lengths_capped'),
        ),
    ]
