"""Length caps on text columns (issue 8 point 13): validators, then one CHECK per model."""

import django.core.validators
from django.conf import settings
from django.db import migrations, models

from factcheck.limits import truncate_overlong


class Migration(migrations.Migration):

    dependencies = [
        ('public', '0002_starting_pages'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        truncate_overlong('public', 'page', {'body': 100000}),
        migrations.AlterField(
            model_name='page',
            name='body',
            field=models.TextField(blank=True, default='', help_text='Markdown. Links may be http, https, mailto or relative; raw HTML is shown as text. Headings start at ## (the page title is the only top-level heading).', max_length=100000, validators=[django.core.validators.MaxLengthValidator(100000)]),
        ),
        migrations.AddConstraint(
            model_name='page',
            constraint=models.CheckConstraint(condition=models.Q(('body__length__lte', 100000)), name='public_page_lengths_capped'),
        ),
    ]
