"""HTMX helpers (after NetBox's utilities/htmx.py): full page or partial, from one view."""


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def template_for(request, full: str, partial: str) -> str:
    return partial if is_htmx(request) else full
