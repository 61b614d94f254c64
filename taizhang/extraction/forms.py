"""Forms of the breakdown pages. Validation that matters lives in extraction.services; these forms turn ids
into objects, redisplay input and receive the services' field-keyed errors (ledgers.forms.attach_errors)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import Unit
from taizhang.extraction.models import DraftItem, LeadKeyword
from taizhang.ledgers.forms import input_number
from taizhang.plans.choices import TargetKind
from taizhang.plans.models import Plan


def live_plans():
    return Plan.objects.filter(is_archived=False).order_by("-year", "-id")


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        help_text=_("The year deadlines such as 年底前 are read against (the plan's year when empty)."),
    )
    plan = forms.ModelChoiceField(
        label=_("Target plan"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("None yet"),
        help_text=_("The plan the accepted items become tasks of (it can be chosen when accepting)."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(".txt (UTF-8 or GB18030) or .docx."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )
    text = forms.CharField(
        label=_("Or paste the text"),
        required=False,
        strip=False,  # the offsets index the text exactly as pasted
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean_text(self) -> str:
        # Browsers submit a textarea's line breaks as CRLF whatever was pasted (HTML spec, form submission);
        # the text the user pasted had the line breaks of their document, so the offsets index that.
        return self.cleaned_data["text"].replace("\r\n", "\n")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = live_plans()
        self.fields["year"].error_messages["invalid"] = _("Year: enter a year such as 2025.")
        self.fields["title"].error_messages["required"] = _("Title: required.")


def active_units():
    return Unit.objects.filter(is_active=True)


class ItemForm(forms.Form):
    title = forms.CharField(label=_("Task title"), max_length=200)
    checkable = forms.BooleanField(label=_("Checkable"), required=False)
    target_kind = forms.ChoiceField(label=_("Target kind"), choices=TargetKind.choices)
    target_value = forms.CharField(label=_("Target value"), required=False)
    target_unit = forms.CharField(label=_("Unit of measure"), required=False, max_length=20)
    deadline = forms.CharField(label=_("Deadline as written"), required=False, max_length=60)
    deadline_date = forms.DateField(
        label=_("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    lead_unit = forms.ModelChoiceField(
        label=_("Lead unit"), queryset=Unit.objects.none(), required=False, empty_label=_("None yet")
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = active_units()
        self.fields["title"].error_messages["required"] = _("Task title: required.")
        self.fields["deadline_date"].error_messages["invalid"] = _("Deadline: not a date (YYYY-MM-DD).")

    @staticmethod
    def initial_for(item: DraftItem) -> dict:
        return {
            "title": item.title,
            "checkable": item.checkable,
            "target_kind": item.target_kind,
            "target_value": input_number(item.target_value) if item.target_value is not None else "",
            "target_unit": item.target_unit,
            "deadline": item.deadline,
            "deadline_date": item.deadline_date,
            "lead_unit": item.lead_unit_id,
        }

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class LeadKeywordForm(forms.Form):
    keyword = forms.CharField(label=_("Keyword"), max_length=40)
    unit = forms.ModelChoiceField(label=_("Lead unit"), queryset=Unit.objects.none())
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = active_units()
        self.fields["keyword"].error_messages["required"] = _("Keyword: required.")
        self.fields["unit"].error_messages["required"] = _("Lead unit: required.")

    @staticmethod
    def initial_for(row: LeadKeyword) -> dict:
        return {"keyword": row.keyword, "unit": row.unit_id, "is_active": row.is_active}
