"""One validator for every stored URL (factcheck.weburls, issue 8 point 11); no schema change."""

import factcheck.weburls
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_cap_text_lengths'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='url',
            field=models.URLField(blank=True, default='', help_text='Canonical address of the original page; unique when given.', max_length=2000, validators=[factcheck.weburls.WebURLValidator()]),
        ),
    ]
