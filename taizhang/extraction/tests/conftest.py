"""Objects the breakdown tests share: a short deployment text written here (not copied), read by the real
kernel through the services."""

import pytest

# Written for these tests: a heading, two checkable commitments in one clause, a named document with a
# deadline, a directive, a political statement and a past achievement (which are not items).
TEXT = (
    "一、产业向新\n"
    "全年新开工项目200个以上，力争规上工业增加值增长6%左右。\n"
    "年底前出台《晋中市低空经济发展实施方案》。\n"
    "加快推进数字经济发展。\n"
    "坚持以习近平新时代中国特色社会主义思想为指导。\n"
    "2024年，全市地区生产总值增长了5.1%。\n"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def paste(actors, plan):
    """paste(text=TEXT, title=…): dave pastes a document for the 2025 plan."""
    from taizhang.extraction.services import create_document

    def make(text=TEXT, title="测试部署文件", actor="dave", target_plan=plan):
        return create_document(actor=actors[actor], title=title, year=2025, text=text, plan=target_plan)

    return make


@pytest.fixture
def document(paste):
    return paste()


def item_with(document, words):
    """The document's item whose span holds `words` (the test fails clearly when the kernel found none)."""
    found = [i for i in document.items.order_by("start") if words in i.span]
    assert found, f"no item holds “{words}”: {[i.span for i in document.items.all()]}"
    return found[0]
