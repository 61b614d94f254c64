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


def test_history_shows_times_in_local_time_without_microseconds(task, actors):
    from conftest import TODAY
    from taizhang.ledgers import services as ledger_services
    from taizhang.ledgers import workflow

    report = ledger_services.save_report(
        actor=actors["alice"],
        task=task,
        period="2025-10",
        today=TODAY,
        data={"cumulative_value": "3", "progress": "进展"},
    )
    workflow.submit(actor=actors["alice"], report=report)
    submitted = object_history(report)[0]
    times = [
        c.new
        for c in submitted.changes
        if c.field == str(type(report)._meta.get_field("submitted_at").verbose_name)
    ]
    assert len(times) == 1 and len(times[0]) == 16 and "+00:00" not in times[0]
