"""The indicator value form. It only carries and redisplays input: indicators.services checks the numbers and
the publication calendar (the kernel's rules and messages); its field-keyed ValidationError is attached back
with ``ledgers.forms.attach_errors``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.indicators.models import Indicator
from taizhang.ledgers.forms import input_number


def takes_growth(indicator: Indicator) -> bool:
    """Whether the indicator's figure comes with a growth rate. An indicator published as a rate (unit %,
    e.g. 城镇调查失业率) is a level: its change is in percentage points, never a growth in %, and the statistics
    release gives the level alone (glossary §9); every amount in 亿元/元 is published with its growth."""
    return indicator.unit.strip() != "%"


class ValueForm(forms.Form):
    amount = forms.CharField(
        label=_("Amount"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    growth = forms.CharField(
        label=_("Growth (%)"),
        required=False,
        help_text=_("The number of the percentage: 6.5 for 6.5%; a fall is negative."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=300)

    def __init__(self, indicator: Indicator, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["amount"].label = _("Amount (%(unit)s)") % {"unit": indicator.unit}
        if not takes_growth(indicator):
            del self.fields["growth"]

    @staticmethod
    def initial_from(value) -> dict:
        if value is None:
            return {}
        return {
            "amount": input_number(value.amount),
            "growth": input_number(value.growth),
            "note": value.note,
        }

    def service_data(self, current=None) -> dict:
        """The typed text for the service; a growth the form does not ask for keeps what is stored."""
        data = {name: self.data.get(name, "") for name in ("amount", "growth", "note")}
        if "growth" not in self.fields:
            data["growth"] = input_number(current.growth) if current is not None else ""
        return data
