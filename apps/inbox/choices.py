from django.db import models
from django.utils.translation import gettext_lazy as _


class Step(models.TextChoices):
    """What a notification is about an item: a reminder before its due date to those who
    must act, or an escalation after it to the staff of the division above."""

    REMINDER = "reminder", _("Reminder")
    ESCALATION = "escalation", _("Escalation")
