"""HTMX helpers (after NetBox's utilities/htmx.py): full page or partial, from one view."""


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"
