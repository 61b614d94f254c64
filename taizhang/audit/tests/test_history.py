from taizhang.audit.selectors import object_history
from taizhang.plans import services


def test_history_shows_cooperating_units_by_name_and_decimals_plainly(task, actors, units):
    services.update_task(
        actor=actors["dave"],
        task=task,
        data={"target_value": "12"},
        reason="目标调整",
        cooperating_units=[units["swj"], units["yc"]],
    )
    entries = object_history(task)
    text = repr([(e.reason, [(c.field, c.old, c.new) for c in e.changes]) for e in entries])
    print(text)
    assert "市商务局" in text and "10" in text and "12" in text and "10.0000" not in text
