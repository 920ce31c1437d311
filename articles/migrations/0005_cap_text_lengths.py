"""Length caps on text columns (issue 8 point 13): validators, then one CHECK per model."""

import django.core.validators
from django.conf import settings
from django.db import migrations, models

from factcheck.limits import truncate_overlong


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0004_article_search_trigram_indexes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        truncate_overlong('articles', 'article', {'text': 2000000}),
        truncate_overlong('articles', 'articlerevision', {'text': 2000000, 'reason': 10000}),
        migrations.AlterField(
            model_name='article',
            name='text',
            field=models.TextField(help_text='Canonical plain text (LF line breaks). Claim offsets are Unicode code points into this text.', max_length=2000000, validators=[django.core.validators.MaxLengthValidator(2000000)]),
        ),
        migrations.AlterField(
            model_name='articlerevision',
            name='reason',
            field=models.TextField(blank=True, default='', help_text='Why, when the author said so.', max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='articlerevision',
            name='text',
            field=models.TextField(help_text='The full text at this revision (code points, LF).', max_length=2000000, validators=[django.core.validators.MaxLengthValidator(2000000)]),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(('text__length__lte', 2000000)), name='articles_article_lengths_capped'),
        ),
        migrations.AddConstraint(
            model_name='articlerevision',
            constraint=models.CheckConstraint(condition=models.Q(('text__length__lte', 2000000), ('reason__length__lte', 10000)), name='articles_revision_lengths_capped'),
        ),
    ]
