"""Plain-text tables for the console (`taizhang status`, `taizhang demo`): aligned for CJK text."""

import unicodedata


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in {"W", "F"} else 1 for ch in text)


def text_table(headers: list[str], rows: list[list], *, numeric: set[int] = frozenset()) -> str:
    """A plain table aligned for CJK text; columns in `numeric` are right-aligned."""
    cells = [[str(c) for c in headers]] + [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            parts.append(pad + cell if i in numeric else cell + pad)
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def progress_bar(label: str, *, stream=None, width: int = 30):
    """A ``progress(done, total)`` callback drawing a bar on stderr, only when stderr is a terminal
    (silent in pipes, cron and ``--json`` runs); ``None`` when there is nothing to draw on."""
    import sys

    stream = stream or sys.stderr
    if not getattr(stream, "isatty", lambda: False)():
        return None

    def draw(done: int, total: int) -> None:
        share = done / total if total else 1.0
        filled = int(share * width)
        stream.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return draw
