"""Score the extraction kernel against the gold sets (issue 5 §5). Format and rules: README.md beside this file.

    .venv/bin/python bench/extraction/evaluate.py [--split tune|heldout|all] [--verbose] [--json] [--no-speed]

1. Loads docs/manifest.json and checks every gold line (`text[start:end] == span`, fields valid); a bad line
   stops the run with its file and line number (exit 1).
2. Runs `taizhang.core.extraction.extract(text, year=<manifest year>)` on each document of the split (the
   pure kernel: no Django), matches its items to the gold one-to-one (overlap ≥ 60% of the shorter span and
   ≥ 30% of the longer, greedy by largest overlap), and prints per document and per split: checkable
   precision / recall / F1, target-value accuracy, deadline accuracy.
3. Speed line (issue 5 §6): `extract` on a ≥ 50,000-character text made of the tune documents repeated,
   best of 3, against a baseline in the same run (one `re.split` of the same text into sentences).

While the kernel raises NotImplementedError the evaluator reports "kernel not ready" and the gold counts.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPLITS = ("tune", "heldout")
SPEED_CHARS = 50_000  # issue 5 §6: "A 50,000-character document is processed in under 1 s"
SPEED_GOAL_S = 1.0
# The baseline of the speed line: cutting the text into sentences, nothing more (README "How to run").
SENTENCE_END = re.compile(r"[。；！？!?;\n]")

MANIFEST_FIELDS = {"name", "title", "kind", "author", "source", "year", "split", "note"}
GOLD_FIELDS = {"document", "start", "end", "span", "checkable", "targets", "deadline", "deadline_date"}
TARGET_FIELDS = {"value", "unit", "modifier"}


class GoldError(Exception):
    """A manifest entry or gold line that breaks the format; the message names the file and line."""


class KernelNotReady(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------
# Loading and checking
# ---------------------------------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The document's text exactly as stored: offsets count code points of the UTF-8 decoded bytes, with no
    newline translation (Path.read_text would turn \\r\\n into \\n and shift every offset after it)."""
    return path.read_bytes().decode("utf-8")


def load_manifest(root: Path = ROOT) -> list[dict]:
    path = root / "docs" / "manifest.json"
    try:
        entries = json.loads(read_text(path))
    except (OSError, ValueError) as exc:
        raise GoldError(f"{path}: {exc}") from exc
    if not isinstance(entries, list):
        raise GoldError(f"{path}: the manifest must be a JSON list")
    names = set()
    for i, entry in enumerate(entries):
        where = f"{path}: entry {i + 1}"
        if not isinstance(entry, dict):
            raise GoldError(f"{where}: not an object")
        missing = MANIFEST_FIELDS - entry.keys()
        if missing:
            raise GoldError(f"{where}: missing {sorted(missing)}")
        name = entry["name"]
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
            raise GoldError(f"{where}: name {name!r} must be lower-case letters, digits and '-'")
        if name in names:
            raise GoldError(f"{where}: name {name!r} appears twice")
        names.add(name)
        if entry["split"] not in SPLITS:
            raise GoldError(f"{where} ({name}): split must be one of {SPLITS}, not {entry['split']!r}")
        if not isinstance(entry["year"], int) or isinstance(entry["year"], bool):
            raise GoldError(f"{where} ({name}): year must be an integer")
        for suffix, folder in ((".txt", "docs"), (".jsonl", "gold")):
            if not (root / folder / f"{name}{suffix}").is_file():
                raise GoldError(f"{where} ({name}): {folder}/{name}{suffix} does not exist")
    return entries


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def parse_gold_line(line: str, *, text: str, document: str, where: str) -> dict:
    """One gold line, checked; `where` is "path:line" for the error message."""
    try:
        item = json.loads(line)
    except ValueError as exc:
        raise GoldError(f"{where}: not JSON ({exc})") from exc
    if not isinstance(item, dict):
        raise GoldError(f"{where}: not a JSON object")
    missing, unknown = GOLD_FIELDS - item.keys(), item.keys() - GOLD_FIELDS
    if missing or unknown:
        raise GoldError(f"{where}: missing fields {sorted(missing)}, unknown fields {sorted(unknown)}")
    if item["document"] != document:
        raise GoldError(f"{where}: document is {item['document']!r}, the file is {document!r}")
    start, end, span = item["start"], item["end"], item["span"]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise GoldError(f"{where}: start and end must be integers")
    if not 0 <= start < end <= len(text):
        raise GoldError(f"{where}: offsets {start}..{end} outside the text (length {len(text)}) or empty")
    if not isinstance(span, str) or text[start:end] != span:
        raise GoldError(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not the span {span!r}")
    if span != span.strip():
        raise GoldError(f"{where}: the span has leading or trailing whitespace")
    if not isinstance(item["checkable"], bool):
        raise GoldError(f"{where}: checkable must be true or false")
    targets = item["targets"]
    if not isinstance(targets, list):
        raise GoldError(f"{where}: targets must be a list")
    for k, target in enumerate(targets):
        if not isinstance(target, dict) or target.keys() != TARGET_FIELDS:
            raise GoldError(f"{where}: target {k + 1} must have exactly {sorted(TARGET_FIELDS)}")
        if not _is_number(target["value"]):
            raise GoldError(f"{where}: target {k + 1} value must be a number")
        if not isinstance(target["unit"], str) or not isinstance(target["modifier"], str):
            raise GoldError(f"{where}: target {k + 1} unit and modifier must be strings")
    deadline, deadline_date = item["deadline"], item["deadline_date"]
    if deadline is not None and (not isinstance(deadline, str) or not deadline.strip()):
        raise GoldError(f"{where}: deadline must be null or non-empty text")
    if deadline_date is not None:
        if deadline is None:
            raise GoldError(f"{where}: deadline_date without the deadline's words")
        try:
            date.fromisoformat(deadline_date)
        except (TypeError, ValueError) as exc:
            raise GoldError(f"{where}: deadline_date {deadline_date!r} is not YYYY-MM-DD") from exc
    if not item["checkable"] and (targets or deadline is not None):
        raise GoldError(f"{where}: a directive has no targets and no deadline (README: checkable)")
    return item


def load_gold(entry: dict, root: Path = ROOT) -> tuple[str, list[dict]]:
    name = entry["name"]
    text = read_text(root / "docs" / f"{name}.txt")
    path = root / "gold" / f"{name}.jsonl"
    items = []
    for lineno, line in enumerate(read_text(path).split("\n"), start=1):
        if not line.strip():
            continue
        item = parse_gold_line(line, text=text, document=name, where=f"{path}:{lineno}")
        if items and item["start"] < items[-1]["end"]:
            raise GoldError(f"{path}:{lineno}: overlaps or precedes the previous item (keep lines ordered)")
        items.append(item)
    return text, items


# ---------------------------------------------------------------------------------------------------------
# Matching and metrics
# ---------------------------------------------------------------------------------------------------------

MIN_SHORTER_TENTHS = 6  # issue 5 §5: overlap at least 60% of the shorter span …
MIN_LONGER_TENTHS = 3  # … and 30% of the longer


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_match(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = overlap(a, b)
    la, lb = a[1] - a[0], b[1] - b[0]
    if shared == 0 or la <= 0 or lb <= 0:
        return False
    # in tenths, so the boundaries (exactly 60% / 30%) are not at the mercy of floating point
    return 10 * shared >= MIN_SHORTER_TENTHS * min(la, lb) and 10 * shared >= MIN_LONGER_TENTHS * max(la, lb)


def match(gold: list[tuple[int, int]], predicted: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one greedy matching: eligible pairs, largest overlap first (ties: earlier gold, then earlier
    prediction). Returns {gold index: prediction index}."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if spans_match(g, p):
                pairs.append((-overlap(g, p), gi, pi))
    pairs.sort()
    matched, used = {}, set()
    for _, gi, pi in pairs:
        if gi not in matched and pi not in used:
            matched[gi] = pi
            used.add(pi)
    return matched


def _norm(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "").strip()


def target_found(target: dict, predicted_targets: list[dict]) -> bool:
    unit = _norm(target["unit"])
    return any(
        _is_number(p.get("value"))
        and math.isclose(float(p["value"]), float(target["value"]), rel_tol=1e-9, abs_tol=1e-12)
        and _norm(p.get("unit")) == unit
        for p in predicted_targets
    )


def deadline_right(gold: dict, prediction: dict) -> bool:
    if gold["deadline_date"] is not None:
        return prediction.get("deadline_date") == gold["deadline_date"]
    return _norm(prediction.get("deadline")) == _norm(gold["deadline"])


@dataclass
class Score:
    """Counts of one document or a pool of documents; the rates are derived (None when undefined)."""

    gold_checkable: int = 0
    gold_directive: int = 0
    predicted_checkable: int = 0
    predicted_directive: int = 0
    true_positives: int = 0  # gold checkable matched to a prediction marked checkable
    gold_matched: int = 0  # gold items of either kind matched by any prediction
    targets: int = 0
    targets_right: int = 0
    deadlines: int = 0
    deadlines_right: int = 0
    offset_errors: int = 0  # predictions whose span is not text[start:end]
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    target_errors: list = field(default_factory=list)
    deadline_errors: list = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name, value in asdict(other).items():
            if isinstance(value, list):
                getattr(self, name).extend(value)
            else:
                setattr(self, name, getattr(self, name) + value)

    @property
    def precision(self) -> float | None:
        return self.true_positives / self.predicted_checkable if self.predicted_checkable else None

    @property
    def recall(self) -> float | None:
        return self.true_positives / self.gold_checkable if self.gold_checkable else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def target_accuracy(self) -> float | None:
        return self.targets_right / self.targets if self.targets else None

    @property
    def deadline_accuracy(self) -> float | None:
        return self.deadlines_right / self.deadlines if self.deadlines else None

    @property
    def item_recall(self) -> float | None:
        total = self.gold_checkable + self.gold_directive
        return self.gold_matched / total if total else None

    def figures(self) -> dict:
        return {
            "gold_checkable": self.gold_checkable,
            "gold_directive": self.gold_directive,
            "predicted_checkable": self.predicted_checkable,
            "predicted_directive": self.predicted_directive,
            "true_positives": self.true_positives,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "targets": self.targets,
            "targets_right": self.targets_right,
            "target_accuracy": self.target_accuracy,
            "deadlines": self.deadlines,
            "deadlines_right": self.deadlines_right,
            "deadline_accuracy": self.deadline_accuracy,
            "gold_matched": self.gold_matched,
            "item_recall": self.item_recall,
            "offset_errors": self.offset_errors,
        }


def score(gold: list[dict], predicted: list[dict], *, text: str | None = None, document: str = "") -> Score:
    """Score one document. `gold`: gold lines; `predicted`: items as `item_json` gives them (span, start, end,
    checkable, targets, deadline, deadline_date)."""
    s = Score()
    s.gold_checkable = sum(g["checkable"] for g in gold)
    s.gold_directive = len(gold) - s.gold_checkable
    s.predicted_checkable = sum(bool(p["checkable"]) for p in predicted)
    s.predicted_directive = len(predicted) - s.predicted_checkable
    if text is not None:
        s.offset_errors = sum(text[p["start"] : p["end"]] != p["span"] for p in predicted)
    matched = match([(g["start"], g["end"]) for g in gold], [(p["start"], p["end"]) for p in predicted])
    by_prediction = {pi: gi for gi, pi in matched.items()}
    s.gold_matched = len(matched)
    for gi, g in enumerate(gold):
        p = predicted[matched[gi]] if gi in matched else None
        if g["checkable"]:
            if p is not None and p["checkable"]:
                s.true_positives += 1
            else:
                why = "no prediction" if p is None else f"matched a directive prediction: {p['span']}"
                s.misses.append({"document": document, "start": g["start"], "span": g["span"], "why": why})
            if p is not None:
                for t in g["targets"]:
                    s.targets += 1
                    if target_found(t, p.get("targets") or []):
                        s.targets_right += 1
                    else:
                        s.target_errors.append(
                            {
                                "document": document,
                                "span": g["span"],
                                "gold": f"{t['value']:g} {t['unit']}",
                                "predicted": [
                                    f"{x.get('value')} {x.get('unit')}" for x in p.get("targets") or []
                                ],
                            }
                        )
        if p is not None and g["deadline"] is not None:
            s.deadlines += 1
            if deadline_right(g, p):
                s.deadlines_right += 1
            else:
                s.deadline_errors.append(
                    {
                        "document": document,
                        "span": g["span"],
                        "gold": f"{g['deadline']} {g['deadline_date']}",
                        "predicted": f"{p.get('deadline')} {p.get('deadline_date')}",
                    }
                )
    for pi, p in enumerate(predicted):
        if not p["checkable"]:
            continue
        gi = by_prediction.get(pi)
        if gi is not None and gold[gi]["checkable"]:
            continue
        why = "no gold item" if gi is None else f"matched a gold directive: {gold[gi]['span']}"
        s.false_positives.append({"document": document, "start": p["start"], "span": p["span"], "why": why})
    return s


# ---------------------------------------------------------------------------------------------------------
# Running the kernel
# ---------------------------------------------------------------------------------------------------------


def kernel():
    from taizhang.core import extraction

    return extraction


def predict(text: str, year: int) -> list[dict]:
    extraction = kernel()
    try:
        result = extraction.extract(text, year=year)
    except NotImplementedError as exc:
        raise KernelNotReady from exc
    return [extraction.item_json(item) for item in result.items]


def best_of(fn, repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def speed(texts: list[str], year: int) -> dict:
    """extract() on the tune documents repeated to ≥ 50,000 characters, against one re.split of it."""
    parts: list[str] = []
    while sum(map(len, parts)) + 2 * len(parts) < SPEED_CHARS:
        parts.extend(texts)
    big = "\n\n".join(parts)
    baseline = best_of(lambda: SENTENCE_END.split(big))
    try:
        kernel().extract(big, year=year)
    except NotImplementedError:
        return {"chars": len(big), "baseline_s": baseline, "extract_s": None, "ratio": None}
    taken = best_of(lambda: kernel().extract(big, year=year))
    return {"chars": len(big), "baseline_s": baseline, "extract_s": taken, "ratio": taken / baseline}


# ---------------------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------------------


def _rate(value: float | None) -> str:
    return "  —  " if value is None else f"{value:.3f}"


def _share(right: int, total: int) -> str:
    return f"{right}/{total}" if total else "—"


HEADER = (
    f"{'document':<24} {'gold C/D':>9} {'pred C/D':>9} {'TP':>4} {'P':>6} {'R':>6} {'F1':>6} "
    f"{'targets':>13} {'deadlines':>13} {'items':>6}"
)


def _row(label: str, s: Score) -> str:
    return (
        f"{label:<24} {f'{s.gold_checkable}/{s.gold_directive}':>9} "
        f"{f'{s.predicted_checkable}/{s.predicted_directive}':>9} {s.true_positives:>4} "
        f"{_rate(s.precision):>6} {_rate(s.recall):>6} {_rate(s.f1):>6} "
        f"{_rate(s.target_accuracy) + ' ' + _share(s.targets_right, s.targets):>13} "
        f"{_rate(s.deadline_accuracy) + ' ' + _share(s.deadlines_right, s.deadlines):>13} "
        f"{_rate(s.item_recall):>6}"
    )


def evaluate(split: str, *, root: Path = ROOT, verbose: bool = False, with_speed: bool = True) -> dict:
    manifest = load_manifest(root)
    loaded = {entry["name"]: (entry, *load_gold(entry, root)) for entry in manifest}  # every file checked
    wanted = SPLITS if split == "all" else (split,)
    report: dict = {"kernel": "ready", "splits": {}}
    for name in wanted:
        docs = [v for v in loaded.values() if v[0]["split"] == name]
        pool, per_doc = Score(), {}
        for entry, text, gold in docs:
            try:
                predicted = predict(text, entry["year"])
            except KernelNotReady:
                report["kernel"] = "not ready"
                predicted = None
            if predicted is None:
                s = score(gold, [], document=entry["name"])
            else:
                s = score(gold, predicted, text=text, document=entry["name"])
            per_doc[entry["name"]] = s
            pool.add(s)
        report["splits"][name] = {"documents": per_doc, "total": pool}
    if with_speed:
        tune = [text for entry, text, _ in loaded.values() if entry["split"] == "tune"]
        years = [entry["year"] for entry, _, _ in loaded.values() if entry["split"] == "tune"]
        report["speed"] = speed(tune, max(years)) if tune else None
    return report


def print_report(report: dict, *, verbose: bool) -> None:
    ready = report["kernel"] == "ready"
    if not ready:
        print("kernel not ready: extract() raises NotImplementedError — gold checked, counts only\n")
    for split, part in report["splits"].items():
        print(f"== split {split} ({len(part['documents'])} documents)")
        if not part["documents"]:
            print("   (no documents)\n")
            continue
        print(HEADER)
        for name, s in part["documents"].items():
            print(_row(name, s))
        total = part["total"]
        print(_row(f"ALL {split}", total))
        if total.offset_errors:
            print(f"!! {total.offset_errors} predictions whose span is not text[start:end]")
        if verbose and ready:
            for title, rows in (
                ("missed checkable", total.misses),
                ("false positives (marked checkable)", total.false_positives),
            ):
                print(f"-- {title}: {len(rows)}")
                for r in rows:
                    print(f"   [{r['document']} @{r['start']}] {r['span']}  ({r['why']})")
            print(f"-- target errors: {len(total.target_errors)}")
            for r in total.target_errors:
                print(f"   [{r['document']}] {r['span']}: gold {r['gold']}, predicted {r['predicted']}")
            print(f"-- deadline errors: {len(total.deadline_errors)}")
            for r in total.deadline_errors:
                print(f"   [{r['document']}] {r['span']}: gold {r['gold']}, predicted {r['predicted']}")
        print()
    sp = report.get("speed")
    if sp:
        if sp["extract_s"] is None:
            print(
                f"speed: {sp['chars']:,} chars — baseline re.split {sp['baseline_s'] * 1000:.1f} ms; kernel not ready"
            )
        else:
            verdict = "under" if sp["extract_s"] < SPEED_GOAL_S else "OVER"
            print(
                f"speed: {sp['chars']:,} chars — extract {sp['extract_s'] * 1000:.0f} ms ({verdict} the 1 s goal), "
                f"baseline re.split {sp['baseline_s'] * 1000:.1f} ms, ratio {sp['ratio']:.0f}×"
            )


def report_json(report: dict, *, verbose: bool) -> dict:
    out = {"kernel": report["kernel"], "splits": {}, "speed": report.get("speed")}
    for split, part in report["splits"].items():
        entry = {
            "documents": {name: s.figures() for name, s in part["documents"].items()},
            "total": part["total"].figures(),
        }
        if verbose:
            t = part["total"]
            entry["misses"], entry["false_positives"] = t.misses, t.false_positives
            entry["target_errors"], entry["deadline_errors"] = t.target_errors, t.deadline_errors
        out["splits"][split] = entry
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("tune", "heldout", "all"), default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed line")
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.split, verbose=args.verbose, with_speed=not args.no_speed)
    except GoldError as exc:
        print(f"gold error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        json.dump(report_json(report, verbose=args.verbose), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_report(report, verbose=args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
