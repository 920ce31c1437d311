"""The audit trail: who changed what, when, from which value to which, and why."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import pgettext_lazy

from factcheck import limits
from factcheck.limits import capped_text, length_caps


class HistoryEntry(models.Model):
    """One recorded change. Written by services only; never edited or deleted.

    `claim_id` and `article_id` are plain integers, not foreign keys, so the
    trail of a deleted draft survives its deletion.
    """

    class Action(models.TextChoices):
        CREATE = "create", pgettext_lazy("history action", "Created")
        UPDATE = "update", pgettext_lazy("history action", "Changed")
        DELETE = "delete", pgettext_lazy("history action", "Deleted")
        TRANSITION = "transition", pgettext_lazy("history action", "Status changed")
        PUBLISH = "publish", pgettext_lazy("history action", "Published")
        CORRECT = "correct", pgettext_lazy("history action", "Corrected")
        RETRACT = "retract", pgettext_lazy("history action", "Retracted")
        ASSIGN = "assign", pgettext_lazy("history action", "Assigned")

    object_type = models.CharField(
        max_length=32, help_text="What changed: article, claim, source, verdict or assignment."
    )
    object_id = models.PositiveBigIntegerField(help_text="Primary key of the changed row.")
    claim_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The claim this change belongs to, if any."
    )
    article_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The article this change belongs to, if any."
    )
    action = models.CharField(max_length=16, choices=Action, help_text="Kind of change.")
    changes = models.JSONField(
        encoder=DjangoJSONEncoder,
        default=dict,
        help_text='Changed fields as {"field": [old, new]}; old is null on create.',
    )
    reason = capped_text(
        limits.PROSE, blank=True, default="", help_text="Why, when the actor said so."
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="history_entries",
        help_text="Who made the change; empty for system jobs such as imports.",
    )
    at = models.DateTimeField(auto_now_add=True, help_text="When the change was made.")

    class Meta:
        ordering = ["at", "id"]
        verbose_name_plural = "history entries"
        constraints = [length_caps("history_entry_lengths_capped", {"reason": limits.PROSE})]
        indexes = [
            # A claim's history panel and /claims/{id}/history/ read by claim.
            models.Index(fields=["claim_id", "at"], name="history_claim_idx"),
            # Looking up the trail of one row (admin, audits).
            models.Index(fields=["object_type", "object_id"], name="history_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_type} {self.object_id}"
