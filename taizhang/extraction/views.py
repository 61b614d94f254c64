"""The breakdown pages (issue 5 §4): upload or paste a policy document, review the draft items beside the
source text, edit / merge / drop them, accept them into a plan, and see the coverage of the source.

Every logged-in role reads documents and coverage (leaders read everything); writes need MANAGE
(督查/管理员) and go through extraction.services. Inline actions answer HTMX with the item's card and a
plain POST with a redirect, so the pages also work without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.models import Unit
from taizhang.core.access import Action, allows, require
from taizhang.core.htmx import is_htmx
from taizhang.extraction import selectors, services
from taizhang.extraction.choices import ItemStatus
from taizhang.extraction.forms import DocumentForm, ItemForm, LeadKeywordForm, live_plans
from taizhang.extraction.models import DraftItem, LeadKeyword, SourceDocument
from taizhang.ledgers.forms import attach_errors, number_display

NAV = "breakdown"


def _document(pk: int) -> SourceDocument:
    return get_object_or_404(SourceDocument.objects.select_related("plan", "created_by"), pk=pk)


def _item(pk: int) -> DraftItem:
    return get_object_or_404(
        DraftItem.objects.select_related("document", "lead_unit", "task", "merged_into"), pk=pk
    )


def _targets_display(item: DraftItem) -> list[str]:
    shown = []
    for t in item.targets:
        words = t.get("text") or ""
        if not words:
            value = t.get("value")
            words = f"{t.get('modifier') or ''}{number_display(value) if value is not None else ''}{t.get('unit') or ''}"
        shown.append(words)
    return shown


def _item_urls(pk: int) -> dict[str, str]:
    """The card's action URLs without one reverse() per action per item (a long document has hundreds)."""
    edit = reverse("extraction:item_edit", args=[pk])
    root = edit[: -len("edit/")]
    return {"edit": edit, "drop": root + "drop/", "restore": root + "restore/", "lead": root + "lead/"}


def _lead_options(units) -> str:
    """The lead-unit <option>s, rendered once per page; each card marks its own unit selected."""
    return "".join(f'<option value="{u.pk}">{escape(str(u))}</option>' for u in units)


def _decorate(item: DraftItem, lead_options: str = "") -> DraftItem:
    """What the card shows beside the stored fields."""
    item.urls = _item_urls(item.pk)
    if item.lead_unit_id is not None:
        mine = f'value="{item.lead_unit_id}"'
        lead_options = lead_options.replace(mine, mine + " selected", 1)
    item.lead_options = mark_safe(lead_options)  # built from escaped unit names above
    item.css = selectors.item_class(item)
    item.target_texts = _targets_display(item)
    item.is_open = item.task_id is None and item.status == ItemStatus.PROPOSED
    item.target_value_display = number_display(item.target_value) if item.target_value is not None else ""
    return item


def _units() -> list[Unit]:
    return list(Unit.objects.filter(is_active=True))


def _card(
    request, item: DraftItem, *, units=None, form: ItemForm | None = None, error: str = "", status: int = 200
):
    units = units if units is not None else _units()
    return render(
        request,
        "extraction/_item_form.html" if form is not None else "extraction/_item.html",
        {
            "item": _decorate(item, _lead_options(units)),
            "units": units,
            "form": form,
            "may_manage": allows(request.user, Action.MANAGE),
            "error": error,
        },
        status=status,
    )


def _back_to(item: DraftItem) -> str:
    return reverse("extraction:document_detail", args=[item.document_id]) + f"#item-{item.pk}"


# --- documents -----------------------------------------------------------------------------------------


@require_GET
def document_list(request):
    require(request.user, Action.VIEW)
    return render(
        request,
        "extraction/document_list.html",
        {"nav": NAV, "documents": selectors.documents_with_counts()},
    )


@require_http_methods(["GET", "POST"])
def document_create(request):
    require(request.user, Action.MANAGE)
    if request.method == "GET":
        initial = {}
        plan = live_plans().first()
        if plan is not None:
            initial = {"plan": plan.pk, "year": plan.year}
        form = DocumentForm(initial=initial)
        return render(request, "extraction/document_form.html", _form_context(form))
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = services.create_document(
                actor=request.user,
                title=data["title"],
                year=data["year"],
                text=data["text"] or "",
                upload=data["file"],
                plan=data["plan"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _("Read “%(title)s”: %(n)s draft items.")
                % {"title": document.title, "n": document.items.count()},
            )
            return redirect(document)
    return render(request, "extraction/document_form.html", _form_context(form), status=400)


def _form_context(form: DocumentForm) -> dict:
    return {"nav": NAV, "form": form, "max_mb": services.max_upload_bytes() // (1024 * 1024)}


@require_GET
def document_detail(request, pk: int):
    require(request.user, Action.VIEW)
    document = _document(pk)
    show = request.GET.get("show", "all")
    show = show if show in selectors.FILTERS else "all"
    may_manage = allows(request.user, Action.MANAGE)
    units = _units() if may_manage else []
    options = _lead_options(units)
    items = [_decorate(i, options) for i in selectors.document_items(document)]
    shown = selectors.filter_items(items, show)
    live = [i for i in items if i.status in selectors.LIVE]
    context = {
        "nav": NAV,
        "document": document,
        "show": show,
        "filters": [
            ("all", _("All")),
            ("checkable", _("Checkable")),
            ("directives", _("Directives")),
            ("open", _("Not accepted")),
        ],
        "groups": selectors.group_by_area(shown),
        "shown_count": len(shown),
        "counts": {
            "items": len(live),
            "checkable": sum(1 for i in live if i.checkable),
            "accepted": sum(1 for i in live if i.task_id is not None),
            "dropped": sum(1 for i in items if i.status == ItemStatus.DROPPED),
        },
        "plans": list(live_plans()) if may_manage else [],
        "may_manage": may_manage,
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "draft-list":
        return render(request, "extraction/_draft_list.html", context)
    context["pieces"] = selectors.source_pieces(document, items)
    return render(request, "extraction/document_detail.html", context)


@require_GET
def document_coverage(request, pk: int):
    require(request.user, Action.VIEW)
    document = _document(pk)
    items = selectors.document_items(document)
    return render(
        request,
        "extraction/coverage.html",
        {
            "nav": NAV,
            "document": document,
            "plans": list(live_plans()) if allows(request.user, Action.MANAGE) else [],
            **selectors.coverage(document, items),
        },
    )


def _chosen_ids(request) -> list[int]:
    return [int(v) for v in request.POST.getlist("items") if v.isdigit()]


def _chosen_plan(request, document: SourceDocument):
    raw = request.POST.get("plan", "")
    if raw.isdigit():
        return live_plans().filter(pk=int(raw)).first()
    return document.plan if document.plan and not document.plan.is_archived else None


@require_POST
def items_merge(request, pk: int):
    require(request.user, Action.MANAGE)
    document = _document(pk)
    try:
        keep = services.merge_items(actor=request.user, document=document, items=_chosen_ids(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(document)
    messages.success(request, _("Merged into one item."))
    return redirect(reverse("extraction:document_detail", args=[document.pk]) + f"#item-{keep.pk}")


@require_POST
def items_accept(request, pk: int):
    require(request.user, Action.MANAGE)
    document = _document(pk)
    plan = _chosen_plan(request, document)
    if plan is None:
        messages.error(request, _("Plan: choose the live plan the items become tasks of."))
        return redirect(document)
    chosen = _chosen_ids(request)
    mine = set(DraftItem.objects.filter(pk__in=chosen, document=document).values_list("pk", flat=True))
    ids = [i for i in chosen if i in mine]  # the document's own items only, in the order chosen
    try:
        tasks = services.accept_items(actor=request.user, plan=plan, items=ids)
    except ValidationError as exc:
        messages.error(
            request, _("Nothing was accepted: %(problems)s") % {"problems": " ".join(exc.messages)}
        )
        return redirect(document)
    if tasks:
        messages.success(
            request, _("%(n)s tasks created in %(plan)s.") % {"n": len(tasks), "plan": plan.title}
        )
    else:
        messages.info(request, _("These items are already tasks; nothing was created."))
    return redirect(document)


@require_POST
def link_tasks(request, pk: int):
    require(request.user, Action.MANAGE)
    document = _document(pk)
    plan = _chosen_plan(request, document)
    if plan is None:
        messages.error(request, _("Plan: choose the live plan whose tasks to link."))
        return redirect("extraction:document_coverage", pk=document.pk)
    tasks = services.link_plan_tasks(actor=request.user, document=document, plan=plan)
    messages.success(
        request,
        _("%(n)s tasks of %(plan)s linked to the document by their source clause.")
        % {"n": len(tasks), "plan": plan.title},
    )
    return redirect("extraction:document_coverage", pk=document.pk)


# --- one item ------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def item_edit(request, pk: int):
    require(request.user, Action.MANAGE)
    item = _item(pk)
    if request.method == "GET":
        form = ItemForm(initial=ItemForm.initial_for(item))
        if is_htmx(request):
            return _card(request, item, form=form)
        return render(
            request, "extraction/item_edit.html", {"nav": NAV, "item": _decorate(item), "form": form}
        )
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            item = services.update_item(actor=request.user, item=item, data=form.service_data())
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if is_htmx(request):
                return _card(request, _item(item.pk))
            messages.success(request, _("Item saved."))
            return redirect(_back_to(item))
    if is_htmx(request):  # htmx swaps only 2xx answers: the form comes back with its errors in place
        return _card(request, item, form=form)
    return render(
        request, "extraction/item_edit.html", {"nav": NAV, "item": _decorate(item), "form": form}, status=400
    )


def _item_action(request, pk: int, action, done: str):
    require(request.user, Action.MANAGE)
    item = _item(pk)
    try:
        item = action(item)
    except ValidationError as exc:
        if is_htmx(request):
            return _card(request, _item(item.pk), error=" ".join(exc.messages))
        messages.error(request, " ".join(exc.messages))
        return redirect(_back_to(item))
    if is_htmx(request):
        return _card(request, _item(item.pk))
    messages.success(request, done)
    return redirect(_back_to(item))


@require_POST
def item_drop(request, pk: int):
    return _item_action(
        request, pk, lambda item: services.drop_item(actor=request.user, item=item), _("Item dropped.")
    )


@require_POST
def item_restore(request, pk: int):
    return _item_action(
        request, pk, lambda item: services.restore_item(actor=request.user, item=item), _("Item restored.")
    )


@require_POST
def item_lead(request, pk: int):
    raw = request.POST.get("lead_unit", "")
    unit = Unit.objects.filter(pk=int(raw), is_active=True).first() if raw.isdigit() else None
    if raw and unit is None:
        require(request.user, Action.MANAGE)
        messages.error(request, _("Lead unit: choose an active unit."))
        return redirect(_back_to(_item(pk)))
    return _item_action(
        request,
        pk,
        lambda item: services.update_item(actor=request.user, item=item, data={"lead_unit": unit}),
        _("Lead unit set."),
    )


# --- the keyword → lead unit table ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def lead_list(request):
    require(request.user, Action.VIEW)
    form = LeadKeywordForm(initial={"is_active": True})
    status = 200
    if request.method == "POST":
        require(request.user, Action.MANAGE)
        form = LeadKeywordForm(request.POST)
        if form.is_valid():
            try:
                row = services.add_lead_keyword(
                    actor=request.user, keyword=form.cleaned_data["keyword"], unit=form.cleaned_data["unit"]
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("Keyword “%(keyword)s” added.") % {"keyword": row.keyword})
                return redirect("extraction:lead_list")
        status = 400
    rows = list(
        LeadKeyword.objects.filter(is_archived=False).select_related("unit").order_by("-is_active", "keyword")
    )
    units = services.units_by_name()
    default_rows = [
        {"keyword": keyword, "name": name, "unit": units.get(name)}
        for keyword, name in services.default_lead_table()
    ]
    return render(
        request,
        "extraction/lead_list.html",
        {
            "nav": NAV,
            "rows": rows,
            "uses_default": not any(r.is_active for r in rows),
            "default_rows": default_rows,
            "form": form,
            "units": _units(),
            "may_manage": allows(request.user, Action.MANAGE),
        },
        status=status,
    )


@require_POST
def lead_edit(request, pk: int):
    require(request.user, Action.MANAGE)
    row = get_object_or_404(LeadKeyword.objects.select_related("unit"), pk=pk)
    form = LeadKeywordForm(request.POST)
    if form.is_valid():
        try:
            services.update_lead_keyword(
                actor=request.user,
                row=row,
                keyword=form.cleaned_data["keyword"],
                unit=form.cleaned_data["unit"],
                is_active=form.cleaned_data["is_active"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Keyword “%(keyword)s” saved.") % {"keyword": row.keyword})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("extraction:lead_list")


@require_POST
def lead_copy_default(request):
    require(request.user, Action.MANAGE)
    try:
        rows = services.copy_default_lead_table(actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(n)s keywords copied from the default table.") % {"n": len(rows)})
    return redirect("extraction:lead_list")
