"""Length caps for every stored text (issue 8 point 13), in one place.

A 4 MB claim statement used to be accepted and then rode in every list, export
and page. Each cap is enforced three times, so no path can skip it:

- the API's input serializers (`max_length`): a 400 naming the field;
- the model field (`max_length` and, for TextFields, a MaxLengthValidator),
  which full_clean() applies for services, the admin and imports;
- the database: CharFields are varchar(n) on PostgreSQL, and each model
  carries one CHECK on the Length() of its TextFields (`length_caps`), which
  holds on SQLite too. One CHECK per model, not one per field: Django's
  full_clean(validate_constraints=True) runs one query per CHECK.

The numbers are orders of size, not tuned to an example: the longest news
article in the demo set is ~10,000 characters, and a claim is a sentence or two.
"""

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length

ARTICLE_TEXT = 2_000_000  # article text, revisions, archived pages, quotes (a part of a text)
TITLE = 500  # article, revision, source and archive titles
STATEMENT = 2_000  # a claim restated
CLAIMANT = 300
URL = 2_000  # every stored address
EXCERPT = 5_000  # what a source says about the claim
PROSE = 10_000  # rationales, correction and retraction notes, change reasons
PAGE_BODY = 100_000  # Markdown of the public methodology/corrections pages


# Registering twice is harmless (articles.models does too); every app using
# length_caps imports this module before its models are checked.
models.TextField.register_lookup(Length)
models.CharField.register_lookup(Length)


def capped_text(limit: int, **kwargs) -> models.TextField:
    """A TextField that refuses more than `limit` characters in full_clean() and forms.

    Django keeps a TextField's max_length for forms only; the validator makes the
    model (and DRF ModelSerializers, which copy max_length) refuse it as well.
    """
    return models.TextField(max_length=limit, validators=[MaxLengthValidator(limit)], **kwargs)


# CHECK name -> {field: cap}, so a violation reaching the API (a service called
# without a serializer in front) is a 400 naming the fields (factcheck.exceptions).
CAPPED_CONSTRAINTS: dict[str, dict[str, int]] = {}


def length_caps(name: str, caps: dict[str, int]) -> models.CheckConstraint:
    """One CHECK that every named column holds at most its cap of characters.

    `Length` counts code points on PostgreSQL and SQLite alike.
    """
    CAPPED_CONSTRAINTS[name] = dict(caps)
    condition = Q()
    for field, limit in caps.items():
        condition &= Q(**{f"{field}__length__lte": limit})
    return models.CheckConstraint(condition=condition, name=name)


def capped_fields_in(error_message: str) -> dict[str, int] | None:
    """The {field: cap} of the length CHECK a database error names, if it names one."""
    for name, caps in CAPPED_CONSTRAINTS.items():
        if name in error_message:
            return caps
    return None


def too_long_message(limit: int) -> str:
    from django.utils.translation import gettext

    return gettext("Ensure this field has no more than %(limit)d characters.") % {"limit": limit}


def truncate_overlong(app_label: str, model_name: str, caps: dict[str, int]):
    """A migration step that cuts stored values down to their caps before the CHECK lands.

    Chosen over refusing to migrate: a deployment must not be stuck on rows the old
    code let in, and the only rows this touches are ones no form or API would accept
    now (a 4 MB "statement"). Each cut is printed (model, id, field, old length) so
    the operator can see what was shortened; nothing else changes. Migrations pass
    their caps as literals, so a later change of the constants here never rewrites
    what an old migration did.
    """
    from django.db import migrations
    from django.db.models.functions import Length, Substr

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        manager = model._base_manager.using(schema_editor.connection.alias)
        for field, limit in caps.items():
            overlong = manager.annotate(_length=Length(field)).filter(_length__gt=limit)
            for pk, length in overlong.values_list("pk", "_length"):
                print(  # noqa: T201 - migrate's own output is where an operator looks
                    f"\n  {app_label}.{model_name} {pk}: {field} cut from {length} "
                    f"to {limit} characters (issue 8 point 13)",
                    end="",
                )
            overlong.update(**{field: Substr(field, 1, limit)})

    return migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)
