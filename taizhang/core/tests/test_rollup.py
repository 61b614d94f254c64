import pytest

from taizhang.core.rollup import Row, rollup


def rows(*specs):
    return [
        Row(light, status, missing, {"area": area, "unit": unit})
        for light, status, missing, area, unit in specs
    ]


@pytest.mark.parametrize(
    ("data", "total", "by_area"),
    [
        ([], {"total": 0, "green": 0, "yellow": 0, "red": 0, "missing": 0}, {}),
        (
            rows(
                ("green", "ahead", False, "产业", "工信"),
                ("red", "overdue", True, "产业", "发改"),
                ("yellow", "lagging", False, "项目", "发改"),
            ),
            {"total": 3, "green": 1, "yellow": 1, "red": 1, "missing": 1},
            {"产业": (1, 0, 1, 1), "项目": (0, 1, 0, 0)},
        ),
        (
            rows(*[("green", "on_track", False, "文旅", "文旅局")] * 4),
            {"total": 4, "green": 4, "yellow": 0, "red": 0, "missing": 0},
            {"文旅": (4, 0, 0, 0)},
        ),
    ],
)
def test_rollup_counts_lights_and_missing(data, total, by_area):
    overall, by = rollup(data, ["area", "unit"])
    assert {k: v for k, v in overall.as_dict().items() if k != "statuses"} == total
    assert {k: (c.green, c.yellow, c.red, c.missing) for k, c in by["area"].items()} == by_area


def test_rollup_keeps_first_seen_order_and_counts_statuses():
    overall, by = rollup(
        rows(
            ("green", "done", False, "B", "x"),
            ("green", "ahead", False, "A", "x"),
            ("green", "done", False, "B", "y"),
        ),
        ["area"],
    )
    assert list(by["area"]) == ["B", "A"]
    assert overall.as_dict()["statuses"] == {"ahead": 1, "done": 2}


def test_rollup_refuses_an_unknown_light():
    with pytest.raises(ValueError):
        rollup(rows(("blue", "done", False, "A", "x")), ["area"])
