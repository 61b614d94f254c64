"""Forms of the industry pages. Like ledgers.forms they only carry and redisplay input: the numbers are
checked by enterprises.services (one rule set for the web form, the list import and the API), whose
field-keyed ValidationError is attached back with ``ledgers.forms.attach_errors``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taizhang.ledgers.forms import input_number


class FigureForm(forms.Form):
    """One enterprise's 1–m月 cumulative 营业收入 and 产值 in 万元 (two numbers, a decimal keypad on phones)."""

    revenue = forms.CharField(
        label=_("Cumulative operating revenue (10k yuan)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    output = forms.CharField(
        label=_("Cumulative output value (10k yuan)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @staticmethod
    def initial_from(figure) -> dict:
        if figure is None:
            return {}
        return {"revenue": input_number(figure.revenue), "output": input_number(figure.output)}

    def service_data(self) -> dict:
        """What the service is given: the typed text, never a cleaned value (the service words the errors)."""
        return {name: self.data.get(name, "") for name in self.fields}
