from taizhang.core.access import Action, allows


def taizhang(request):
    user = getattr(request, "user", None)
    return {
        "can_report": allows(user, Action.REPORT),
        "can_review": allows(user, Action.REVIEW),
        "can_manage": allows(user, Action.MANAGE),
        "can_admin": allows(user, Action.ADMIN),
    }
