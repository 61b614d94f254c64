from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    UPLOAD = "upload", _("Uploaded file")
    PASTE = "paste", _("Pasted text")


class ItemStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")  # as the kernel read it, or as the reviewer edited it
    DROPPED = "dropped", _("Dropped")  # the reviewer says it is not a commitment (kept, greyed)
    MERGED = "merged", _("Merged")  # folded into another item (merged_into)
    ACCEPTED = "accepted", _("Accepted")  # a task of a plan carries it (task)
