"""One validator for every stored URL (factcheck.weburls, issue 8 point 11); no schema change."""

import factcheck.weburls
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0006_cap_text_lengths'),
    ]

    operations = [
        migrations.AlterField(
            model_name='source',
            name='url',
            field=models.URLField(help_text='http or https address of the source.', max_length=2000, validators=[factcheck.weburls.WebURLValidator()]),
        ),
    ]
