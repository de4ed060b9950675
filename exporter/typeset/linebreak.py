"""Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into
lines", 1981), over widths measured by the caller.

A paragraph is a row of *segments*: words, or the pieces of a word between
its allowed breaks.  After each segment comes one of

* ``GLUE``: a word space, where a line may end (the space is then dropped);
  it may stretch, and shrink a little;
* ``HYPHEN``: a break inside a word, drawing ``after`` points of hyphen when
  taken (0 after a compound's own hyphen or a URL's separator);
* ``NONE``: no break here (a word continued in another font);
* ``FORCED``: the line must end here (a ``<br/>``, or the paragraph's end).

Every way of breaking the paragraph is weighed at once, and the one with the
least total demerits wins, as in TeX: each line's demerits grow with the
cube of how far its spaces stretch or shrink, with a penalty for each
hyphen, more for two hyphenated lines in a row and for a hyphen before the
last line, and more when a line's tightness differs sharply from its
neighbour's.  No more than ``max_hyphen_run`` hyphenated lines follow each
other.  When no set of breaks keeps every line within ``tolerance``, a
second pass accepts any looseness (a long URL in a narrow column); a line
overfills only when a single segment is wider than the measure, which the
caller prevents by cutting such a word into pieces.

Ragged (unjustified) text is set by the same method with fixed spaces and
``ragged`` points of stretch at each line's end, which keeps its right edge
calm without hyphenating more than it helps.
"""

from __future__ import annotations

from dataclasses import dataclass

GLUE, HYPHEN, NONE, FORCED = 0, 1, 2, 3
_INF_BAD = 10000.0


@dataclass(frozen=True)
class Params:
    """The weights; the defaults are TeX's where TeX has one."""

    pretolerance: float = 100.0      # worst badness allowed in the first pass, which adds no hyphens
    tolerance: float = 300.0         # worst badness allowed in the second pass
    line_penalty: float = 10.0
    hyphen_penalty: float = 200.0    # TeX's 50 is for wider measures: fewer hyphens read better
    explicit_penalty: float = 50.0   # a compound's own hyphen, or a URL's separator
    proper_penalty: float = 1000.0   # the hyphen of a compound of names: only to spare a very loose line
    double_hyphen: float = 10000.0   # two hyphenated lines in a row
    final_hyphen: float = 5000.0     # a hyphen on the last full line
    adjacent: float = 5000.0         # neighbouring lines two fitness classes apart
    max_hyphen_run: int = 2
    ragged: float = 0.0              # > 0: unjustified, this much stretch at the line end


@dataclass(frozen=True)
class Row:
    """The measured paragraph: ``width[i]`` of segment i and what follows it
    (``kind[i]``, its natural width ``after[i]``, stretch and shrink);
    ``flagged[i]``: a line broken there ends in a visible hyphen (one drawn,
    or a compound's own); ``penalty[i]``: the cost of breaking there.
    """

    width: list[float]
    kind: list[int]
    after: list[float]
    stretch: list[float]
    shrink: list[float]
    flagged: list[bool]
    penalty: list[float]


class _Node:
    __slots__ = ("pos", "line", "fitness", "run", "total", "prev", "hyphen")

    def __init__(self, pos, line, fitness, run, total, prev, hyphen):
        self.pos, self.line, self.fitness, self.run = pos, line, fitness, run
        self.total, self.prev, self.hyphen = total, prev, hyphen


def _fitness(r: float) -> int:
    return 0 if r < -0.5 else 1 if r <= 0.5 else 2 if r <= 1.0 else 3


def best_breaks(row: Row, widths: list[float], params: Params = Params(),
                no_hyphen_line: int | None = None) -> list[int]:
    """The segments after which each line ends (the last is the paragraph's
    last segment) for the least total demerits.  ``widths[k]`` is the
    measure of line k (the last repeats).  ``no_hyphen_line``: the line
    (0-based) that must not end in a hyphen, such as the last line on a
    page the reader must turn."""
    found = _run(row, widths, params, params.pretolerance, no_hyphen_line, hyphens=False)
    if found is None:
        found = _run(row, widths, params, params.tolerance, no_hyphen_line)
    if found is None:
        found = _run(row, widths, params, float("inf"), no_hyphen_line)
    if found is None:
        found = _run(row, widths, params, float("inf"), None, rescue=True)
    out = []
    node = found
    while node is not None and node.pos >= 0:
        out.append(node.pos)
        node = node.prev
    out.reverse()
    return out


def _run(row: Row, widths: list[float], p: Params, tolerance: float, no_hyphen_line: int | None,
         rescue: bool = False, hyphens: bool = True) -> _Node | None:
    seg, kind, after, st, sh, flagged = row.width, row.kind, row.after, row.stretch, row.shrink, row.flagged
    penalty = row.penalty
    n = len(seg)
    if n == 0:
        return None
    # prefix sums: segments before i, and glue after segments before i
    W = [0.0] * (n + 1)
    G = [0.0] * (n + 1)
    Y = [0.0] * (n + 1)
    Z = [0.0] * (n + 1)
    w = g = y = z = 0.0
    for i in range(n):
        w += seg[i]
        if kind[i] == GLUE:
            g += after[i]
            y += st[i]
            z += sh[i]
        W[i + 1], G[i + 1], Y[i + 1], Z[i + 1] = w, g, y, z
    last_width = len(widths) - 1
    ragged = p.ragged
    keyed_by_line = no_hyphen_line is not None
    active = [_Node(-1, 0, 1, 0, 0.0, None, False)]
    lp = p.line_penalty
    for b in range(n):
        k = FORCED if b == n - 1 else kind[b]
        if k == NONE or (k == HYPHEN and not hyphens and after[b] > 0):
            continue
        is_hyphen = k == HYPHEN
        drawn = after[b] if is_hyphen else 0.0
        flag = is_hyphen and flagged[b]
        end = k == FORCED
        best: dict = {}
        survivors = []
        overfull = None
        for a in active:
            pos = a.pos
            natural = W[b + 1] - W[pos + 1] + G[b] - G[pos + 1] + drawn
            line = a.line
            diff = widths[line if line < last_width else last_width] - natural
            if diff < -1e-6:
                shrink = 0.0 if ragged else Z[b] - Z[pos + 1]
                r = diff / shrink if shrink > 0 else -2.0
                if r < -1.0 - 1e-9:
                    # overfull: this node can never start a line reaching b or beyond
                    if overfull is None or a.total < overfull.total:
                        overfull = a
                    continue
            elif end:
                r = 0.0
            else:
                stretch = ragged if ragged else Y[b] - Y[pos + 1]
                r = diff / stretch if stretch > 0 else float("inf")
            survivors.append(a)
            bad = 100.0 * abs(r) ** 3 if r < 100 else _INF_BAD
            if bad > _INF_BAD:
                bad = _INF_BAD
            if bad > tolerance:
                continue
            run = a.run + 1 if flag else 0
            if run > p.max_hyphen_run and tolerance != float("inf"):
                continue
            if is_hyphen and keyed_by_line and line == no_hyphen_line:
                continue
            d = (lp + bad) ** 2
            if is_hyphen:
                pen = penalty[b]
                d += pen * pen
                if a.hyphen and flag:
                    d += p.double_hyphen
                if run > p.max_hyphen_run:
                    d += 1e8
            elif end and a.hyphen:
                d += p.final_hyphen
            fit = _fitness(r)
            if not ragged and abs(fit - a.fitness) > 1:
                d += p.adjacent
            total = a.total + d
            key = (fit, min(run, 3), line + 1) if keyed_by_line else (fit, min(run, 3))
            old = best.get(key)
            if old is None or total < old.total:
                best[key] = _Node(b, line + 1, fit, run, total, a, flag)
        if end:
            survivors = []
        if not survivors and not best and rescue and overfull is not None:
            # a segment wider than the measure: let that one line overfill
            best[(1, 0)] = _Node(b, overfull.line + 1, 1, 0, overfull.total + 1e9, overfull, False)
        active = survivors + list(best.values())
        if not active:
            return None
    finals = [a for a in active if a.pos == n - 1]
    if not finals:
        return None
    return min(finals, key=lambda a: (a.total, a.line))
