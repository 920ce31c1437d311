"""Length caps on text columns (issue 8 point 13): validators, then one CHECK per model."""

import django.core.validators
from django.conf import settings
from django.db import migrations, models

from factcheck.limits import truncate_overlong


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0005_claim_search_trigram_indexes'),
        ('articles', '0005_cap_text_lengths'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Rows the old code let in are cut to their caps first, each cut printed
        # (factcheck.limits.truncate_overlong), so the CHECKs below never fail to apply.
        truncate_overlong('annotations', 'claim', {'statement': 2000}),
        truncate_overlong('annotations', 'publication', {'rationale': 10000, 'note': 10000, 'quote': 2000000}),
        truncate_overlong('annotations', 'source', {'excerpt': 5000}),
        truncate_overlong('annotations', 'sourcearchive', {'text': 2000000, 'reason': 10000}),
        truncate_overlong('annotations', 'verdict', {'rationale': 10000}),
        migrations.AlterField(
            model_name='claim',
            name='statement',
            field=models.TextField(blank=True, default='', help_text='The claim restated by the reviewer, if needed.', max_length=2000, validators=[django.core.validators.MaxLengthValidator(2000)]),
        ),
        migrations.AlterField(
            model_name='publication',
            name='note',
            field=models.TextField(blank=True, default='', help_text='Why it was corrected or retracted; required for both, empty at first.', max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='publication',
            name='quote',
            field=models.TextField(blank=True, default='', help_text="The claim's quote when published.", max_length=2000000, validators=[django.core.validators.MaxLengthValidator(2000000)]),
        ),
        migrations.AlterField(
            model_name='publication',
            name='rationale',
            field=models.TextField(help_text='Published rationale.', max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='source',
            name='excerpt',
            field=models.TextField(blank=True, default='', help_text='What the source says about the claim.', max_length=5000, validators=[django.core.validators.MaxLengthValidator(5000)]),
        ),
        migrations.AlterField(
            model_name='sourcearchive',
            name='reason',
            field=models.TextField(blank=True, default='', help_text='Why the last attempt failed, in words.', max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AlterField(
            model_name='sourcearchive',
            name='text',
            field=models.TextField(blank=True, default='', help_text="The page's main text.", max_length=2000000, validators=[django.core.validators.MaxLengthValidator(2000000)]),
        ),
        migrations.AlterField(
            model_name='verdict',
            name='rationale',
            field=models.TextField(help_text='Why this rating: the reasoning, in prose.', max_length=10000, validators=[django.core.validators.MaxLengthValidator(10000)]),
        ),
        migrations.AddConstraint(
            model_name='claim',
            constraint=models.CheckConstraint(condition=models.Q(('statement__length__lte', 2000)), name='annotations_claim_lengths_capped'),
        ),
        migrations.AddConstraint(
            model_name='publication',
            constraint=models.CheckConstraint(condition=models.Q(('rationale__length__lte', 10000), ('note__length__lte', 10000), ('quote__length__lte', 2000000)), name='annotations_publication_lengths_capped'),
        ),
        migrations.AddConstraint(
            model_name='source',
            constraint=models.CheckConstraint(condition=models.Q(('excerpt__length__lte', 5000)), name='annotations_source_lengths_capped'),
        ),
        migrations.AddConstraint(
            model_name='sourcearchive',
            constraint=models.CheckConstraint(condition=models.Q(('text__length__lte', 2000000), ('reason__length__lte', 10000)), name='annotations_archive_lengths_capped'),
        ),
        migrations.AddConstraint(
            model_name='verdict',
            constraint=models.CheckConstraint(condition=models.Q(('rationale__length__lte', 10000)), name='annotations_verdict_lengths_capped'),
        ),
    ]
