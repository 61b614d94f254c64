"""Forms for the report page. They only carry and redisplay input: validation lives in
ledgers.services (one rule set for the web form, the API and file imports), whose field-keyed
ValidationError is attached back onto the form with `attach_errors`."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from taizhang.ledgers.choices import Confidence
from taizhang.plans.choices import TargetKind


def number_display(value) -> str:
    """A stored Decimal as a person writes it: 10.0000 → "10", 12.5000 → "12.5"; None → "—"."""
    if value is None:
        return "—"
    return format(Decimal(value).normalize(), "f")


def input_number(value) -> str:
    """A stored Decimal as a form field's initial value ("" for None)."""
    return "" if value is None else number_display(value)


def attach_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's field-keyed errors next to their fields (unknown keys go to the top of the form)."""
    if not hasattr(form, "cleaned_data"):
        form.is_valid()
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)


class ReportForm(forms.Form):
    """A task's report for one period. Only the figure that fits the task's target kind is shown:
    milestone tasks give 完成进度 %, the others 累计完成值 in the task's unit."""

    cumulative_value = forms.CharField(
        label=_("Cumulative actual"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    percent_complete = forms.CharField(
        label=_("Percent complete (%)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    progress = forms.CharField(label=_("Progress"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    problems = forms.CharField(label=_("Problems"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # A CharField, not a ChoiceField: the service checks the value and words the message.
    confidence = forms.CharField(
        label=_("Delivery judgement"),
        required=False,
        widget=forms.RadioSelect(choices=Confidence.choices, attrs={"style": "width:auto"}),
    )

    # Rendered by hand as <input type="file" multiple>; here so upload errors show next to the input.
    file = forms.FileField(label=_("Evidence files"), required=False)

    def __init__(self, task, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.task = task
        if task.target_kind == TargetKind.MILESTONE:
            del self.fields["cumulative_value"]
        else:
            del self.fields["percent_complete"]
            if task.target_unit:
                self.fields["cumulative_value"].label = _("Cumulative actual (%(unit)s)") % {
                    "unit": task.target_unit
                }

    @property
    def figure(self):
        """The one figure field this task reports."""
        return self["percent_complete"] if "percent_complete" in self.fields else self["cumulative_value"]
