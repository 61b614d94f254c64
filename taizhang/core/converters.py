class PeriodConverter:
    """A reporting period in a URL: exactly YYYY-MM (so "2025-10 " cannot name a second report)."""

    regex = "[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
