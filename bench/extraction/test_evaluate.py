"""The evaluator's matching rule and metrics (issue 5 §5, bench/extraction/README.md) on tiny hand-made
examples, and every gold file in the repository valid. Pure: no database, no kernel."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("bench_extraction_evaluate", HERE / "evaluate.py")
ev = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = ev  # dataclasses look their module up while the class is built
_spec.loader.exec_module(ev)


def item(start, end, checkable=True, targets=(), deadline=None, deadline_date=None, span=None):
    """A gold line or a prediction (item_json's keys) over a text of 'x's: only the offsets matter here."""
    return {
        "document": "d",
        "start": start,
        "end": end,
        "span": span if span is not None else "x" * (end - start),
        "checkable": checkable,
        "targets": [{"value": v, "unit": u, "modifier": ""} for v, u in targets],
        "deadline": deadline,
        "deadline_date": deadline_date,
    }


# ---- the matching rule: overlap ≥ 60% of the shorter AND ≥ 30% of the longer -------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "matches"),
    [
        ((0, 10), (0, 10), True),  # exact
        ((0, 10), (4, 14), True),  # overlap 6 = 60% of 10 (both lengths 10)
        ((0, 10), (5, 15), False),  # overlap 5 = 50% of the shorter
        ((0, 10), (0, 6), True),  # inside: 100% of the shorter, 60% of the longer
        ((0, 10), (0, 3), True),  # 3 = 30% of the longer: the boundary is met
        ((0, 10), (0, 2), False),  # 2 = 20% of the longer
        ((0, 20), (0, 6), True),  # 6 = 30% of 20
        ((0, 20), (0, 5), False),  # 5 = 25% of 20: a short fragment of a long gold item
        ((0, 5), (0, 20), False),  # and the other way round: a long prediction swallowing a short item
        ((0, 10), (10, 20), False),  # adjacent, no overlap
        ((0, 10), (3, 13), True),  # overlap 7: 70% / 70%
        ((0, 10), (2, 8), True),  # 6: 100% of the shorter, 60% of the longer
    ],
)
def test_the_matching_rule_counts_the_overlap_against_both_spans(gold, predicted, matches):
    assert ev.spans_match(gold, predicted) is matches
    assert ev.spans_match(predicted, gold) is matches  # symmetric


def test_matching_is_one_to_one_and_takes_the_largest_overlap_first():
    gold = [(0, 10), (10, 20)]
    # prediction 0 covers gold 0 fully; prediction 1 overlaps gold 0 by 7 and gold 1 by 0 → gold 0 goes to pred 0
    assert ev.match(gold, [(0, 10), (3, 13)]) == {0: 0}
    # two predictions on the same gold item: only one matches, the other is left over
    assert ev.match([(0, 10)], [(0, 9), (1, 10)]) == {0: 0}
    # one prediction over two gold items: it takes the one it overlaps most (and only if the rule holds)
    assert ev.match([(0, 4), (4, 10)], [(0, 10)]) == {1: 0}


# ---- the metrics -----------------------------------------------------------------------------------------


def test_a_perfect_prediction_scores_one():
    gold = [item(0, 10, targets=[(5, "%")], deadline="年内", deadline_date="2025-12-31"), item(20, 30, False)]
    predicted = [dict(g) for g in gold]
    s = ev.score(gold, predicted)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert (s.target_accuracy, s.deadline_accuracy, s.item_recall) == (1.0, 1.0, 1.0)
    assert (s.gold_checkable, s.gold_directive, s.predicted_checkable) == (1, 1, 1)


def test_a_checkable_prediction_that_matches_only_a_directive_is_a_false_positive():
    gold = [item(0, 10, checkable=False)]
    s = ev.score(gold, [item(0, 10, checkable=True)])
    assert s.true_positives == 0 and s.predicted_checkable == 1
    assert s.precision == 0.0 and s.recall is None  # no gold checkable: recall undefined
    assert s.false_positives[0]["why"].startswith("matched a gold directive")
    assert s.gold_matched == 1  # the directive itself is covered


def test_a_directive_prediction_on_a_checkable_item_is_a_miss_not_a_false_positive():
    s = ev.score([item(0, 10)], [item(0, 10, checkable=False)])
    assert s.recall == 0.0 and s.precision is None and not s.false_positives
    assert s.misses[0]["why"].startswith("matched a directive prediction")


def test_marking_everything_checkable_does_not_pay():
    # 2 checkable and 8 directives in the gold; one prediction per gold item
    gold = [item(i * 10, i * 10 + 8, checkable=i < 2) for i in range(10)]
    honest = [dict(g) for g in gold]
    greedy = [{**g, "checkable": True} for g in gold]
    assert ev.score(gold, honest).f1 == 1.0
    s = ev.score(gold, greedy)
    assert s.recall == 1.0 and s.precision == pytest.approx(0.2) and s.f1 == pytest.approx(1 / 3)


def test_false_positives_and_misses_combine_into_f1():
    gold = [item(0, 10), item(20, 30), item(40, 50), item(60, 70, False)]
    predicted = [item(0, 10), item(20, 30), item(80, 90)]  # 2 right, 1 missed, 1 on nothing
    s = ev.score(gold, predicted)
    assert (s.true_positives, s.precision, s.recall) == (2, pytest.approx(2 / 3), pytest.approx(2 / 3))
    assert s.f1 == pytest.approx(2 / 3)
    assert [m["start"] for m in s.misses] == [40]
    assert s.false_positives[0]["why"] == "no gold item"


@pytest.mark.parametrize(
    ("gold_targets", "predicted_targets", "right"),
    [
        ([(5, "%")], [(5.0, "%")], 1),  # numbers compared as numbers
        ([(5, "%")], [(5, "％")], 1),  # full-width unit normalised
        ([(556, "亿元"), (215, "个")], [(215, "个")], 1),  # each gold target counted
        ([(1200, "万人")], [(12000000, "人")], 0),  # the scale stays in the unit (README: targets)
        ([(3, "个")], [(3, "家")], 0),  # units exact
        ([(1.3, "万亿元")], [(1.3, "万亿元"), (4.4, "万亿元")], 1),  # extra predicted targets are harmless
    ],
)
def test_target_value_accuracy_compares_value_and_unit(gold_targets, predicted_targets, right):
    s = ev.score([item(0, 10, targets=gold_targets)], [item(0, 10, targets=predicted_targets)])
    assert (s.targets, s.targets_right) == (len(gold_targets), right)


def test_targets_of_unmatched_items_do_not_count():
    s = ev.score([item(0, 10, targets=[(5, "%")])], [item(50, 60)])
    assert s.targets == 0 and s.target_accuracy is None


@pytest.mark.parametrize(
    ("gold", "predicted", "right"),
    [
        (("年内", "2025-12-31"), ("年底前", "2025-12-31"), True),  # the date decides, not the words
        (("上半年", "2025-06-30"), ("上半年", "2025-12-31"), False),
        (("上半年", "2025-06-30"), (None, None), False),
        (("逐步", None), ("逐步", None), True),  # no date in the gold: the words (hypothetical wording)
    ],
)
def test_deadline_accuracy_compares_the_date(gold, predicted, right):
    s = ev.score(
        [item(0, 10, deadline=gold[0], deadline_date=gold[1])],
        [item(0, 10, deadline=predicted[0], deadline_date=predicted[1])],
    )
    assert (s.deadlines, s.deadlines_right) == (1, int(right))


def test_pooling_adds_counts_not_rates():
    a = ev.score([item(0, 10)], [item(0, 10)])  # 1/1
    b = ev.score([item(0, 10), item(20, 30), item(40, 50)], [])  # 0/3
    pool = ev.Score()
    pool.add(a)
    pool.add(b)
    assert pool.recall == pytest.approx(1 / 4) and pool.precision == 1.0


def test_prediction_offsets_are_checked_against_the_text():
    text = "年内完成14项工程。"
    good = item(0, 9, span=text[0:9])
    bad = item(0, 9, span="别的文字")
    assert ev.score([], [good], text=text).offset_errors == 0
    assert ev.score([], [bad], text=text).offset_errors == 1


# ---- gold lines are checked, with the file and line in the message --------------------------------------


TEXT = "年内剩余省级14项工程全部完成。"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end": 99}, "outside the text"),
        ({"span": "剩余省级14项"}, "not the span"),
        ({"checkable": "yes"}, "checkable must be"),
        ({"targets": [{"value": "14", "unit": "项", "modifier": ""}]}, "value must be a number"),
        ({"targets": [{"value": 14, "unit": "项"}]}, "must have exactly"),
        ({"deadline_date": "2025-13-31"}, "not YYYY-MM-DD"),
        ({"deadline": None}, "deadline_date without"),
        ({"checkable": False}, "a directive has no targets"),
        ({"document": "other"}, "the file is"),
        ({"extra": 1}, "unknown fields"),
    ],
)
def test_a_bad_gold_line_is_a_clear_error(change, message):
    line = {
        "document": "d",
        "start": 0,
        "end": 15,
        "span": TEXT[:15],
        "checkable": True,
        "targets": [{"value": 14, "unit": "项", "modifier": ""}],
        "deadline": "年内",
        "deadline_date": "2025-12-31",
    }
    assert ev.parse_gold_line(json.dumps(line, ensure_ascii=False), text=TEXT, document="d", where="g:1")
    with pytest.raises(ev.GoldError, match=message) as err:
        ev.parse_gold_line(
            json.dumps({**line, **change}, ensure_ascii=False), text=TEXT, document="d", where="g:7"
        )
    assert str(err.value).startswith("g:7: ")


def test_the_evaluator_names_the_file_and_line_of_a_bad_gold_file(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "docs" / "d.txt").write_bytes(TEXT.encode())
    entry = {
        "name": "d",
        "title": "",
        "kind": "",
        "author": "",
        "source": "",
        "year": 2025,
        "split": "tune",
        "note": "",
    }
    (tmp_path / "docs" / "manifest.json").write_text(json.dumps([entry]))
    good = {"document": "d", "start": 0, "end": 2, "span": "年内", "checkable": True, "targets": []}
    good |= {"deadline": "年内", "deadline_date": "2025-12-31"}
    lines = [json.dumps(good, ensure_ascii=False), json.dumps({**good, "start": 1}, ensure_ascii=False)]
    (tmp_path / "gold" / "d.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ev.GoldError, match=r"d\.jsonl:2: text\[1:2\]"):
        ev.evaluate("all", root=tmp_path, with_speed=False)


# ---- every gold file of the repository is valid ------------------------------------------------------------


MANIFEST = ev.load_manifest()


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["name"] for e in MANIFEST])
def test_every_gold_file_in_the_repository_is_valid(entry):
    text, gold = ev.load_gold(entry)  # raises GoldError on any bad line
    assert gold, f"{entry['name']}: no gold items"
    assert all(text[g["start"] : g["end"]] == g["span"] for g in gold)
    assert any(g["checkable"] for g in gold)


def test_every_document_and_gold_file_is_in_the_manifest():
    names = {e["name"] for e in MANIFEST}
    assert {p.stem for p in (HERE / "docs").glob("*.txt")} == names
    assert {p.stem for p in (HERE / "gold").glob("*.jsonl")} == names


def test_the_kernel_keeps_the_issues_goals_on_every_tuning_document():
    """A regression guard on the TUNE split only (the held-out split is measured by hand, once per round, and
    never feeds a test): each tuning document keeps checkable F1 ≥ 0.85 and target-value accuracy ≥ 0.95, the
    issue's goals. A rule that breaks one genre to help another fails here."""
    report = ev.evaluate("tune", with_speed=False)
    assert report["kernel"] == "ready"
    for name, score in report["splits"]["tune"]["documents"].items():
        assert score.f1 >= 0.85, (name, score.f1)
        assert score.target_accuracy is None or score.target_accuracy >= 0.95, (name, score.target_accuracy)
