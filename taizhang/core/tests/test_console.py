import pytest

from taizhang.core.console import display_width, text_table


@pytest.mark.parametrize(("text", "width"), [("", 0), ("abc", 3), ("绿灯", 4), ("市发改委 19", 11)])
def test_display_width_counts_cjk_as_two_columns(text, width):
    assert display_width(text) == width


def test_text_table_aligns_cjk_names_and_right_aligns_numbers():
    table = text_table(["板块", "任务"], [["产业向新", 17], ["干字当头", 8]], numeric={1})
    assert table.splitlines() == ["板块      任务", "--------  ----", "产业向新    17", "干字当头     8"]
