"""Length caps on text columns (issue 8 point 13): validators, then one CHECK per model."""

import django.core.validators
from django.conf import settings
from django.db import migrations, models

from factcheck.limits import truncate_overlong


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_cap_text_lengths'),
        ('fetching', '0001_jobs_and_watched_articles'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        truncate_overlong('fetching', 'job', {'reason': 10000}),
        migrations.AlterField(
            model_name='job',
            name='reason',
            field=models.TextField(blank=True, default='', help_text='Why it failed, or why it is waiting to retry.', max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AddConstraint(
            model_name='job',
            constraint=models.CheckConstraint(condition=models.Q(('reason__length__lte', 10000)), name='fetching_job_lengths_capped'),
        ),
    ]
