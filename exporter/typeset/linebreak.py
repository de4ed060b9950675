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
other.

The passes: first fit at word spaces, taken when every line comes within
``pretolerance`` (most of a book's short paragraphs, at a fraction of the
cost); then total fit with hyphens within ``tolerance``; then accepting any
looseness, the least loose winning (a long URL in a narrow column); last, a
rescue that may also let one line overfill or three hyphens follow each
other.  (TeX's own first pass, total fit without hyphens, found the same
breaks here as the hyphen penalty does, and was dropped for its cost.)  A line overfills only when a single segment is wider than the
measure, which the caller prevents by cutting such a word into pieces.

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

    pretolerance: float = 100.0      # worst badness a first-fit line may have
    tolerance: float = 300.0         # worst badness allowed in the total-fit pass
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



def best_breaks(row: Row, widths: list[float], params: Params = Params(),
                no_hyphen_line: int | None = None) -> list[int]:
    """The segments after which each line ends (the last is the paragraph's
    last segment) for the least total demerits.  ``widths[k]`` is the
    measure of line k (the last repeats).  ``no_hyphen_line``: the line
    (0-based) that must not end in a hyphen, such as the last line on a
    page the reader must turn."""
    quick = _first_fit(row, widths, params)
    if quick is not None:
        return quick
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


def _first_fit(row: Row, widths: list[float], p: Params) -> list[int] | None:
    """Breaks at word spaces, each line as full as its spaces allow, when
    every line but the last comes within ``pretolerance`` and no neighbours
    are two fitness classes apart: such a paragraph is set as well as the
    optimiser would set it without hyphens, at a fraction of the cost.
    None when any line falls short, and the optimiser decides."""
    seg, kind, after, st, sh = row.width, row.kind, row.after, row.stretch, row.shrink
    n = len(seg)
    ragged = p.ragged
    r_max = (p.pretolerance / 100.0) ** (1 / 3)
    last_width = len(widths) - 1
    out: list[int] = []
    line = 0
    natural = stretch = shrink = 0.0   # of the current line up to its last word
    fitting = -1                       # the last break at which the line still fits
    fit_natural = fit_stretch = fit_shrink = 0.0
    start = True
    prev_fit = 1
    i = 0
    while i < n:
        w = seg[i]
        k = FORCED if i == n - 1 else kind[i]
        if k == HYPHEN:
            return None  # a word with breaks inside: let the optimiser weigh them
        natural += w
        measure = widths[line if line < last_width else last_width]
        if natural - (0.0 if ragged else shrink) > measure + 1e-6:
            if fitting < 0:
                return None  # one word fills the line
            diff = measure - fit_natural
            if diff >= 0:
                room = ragged or fit_stretch
                r = diff / room if room else float("inf")
            else:
                r = diff / fit_shrink if fit_shrink else -2.0
            if r > r_max or r < -1.0:
                return None
            fit = 0 if r < -0.5 else 1 if r <= 0.5 else 2 if r <= 1.0 else 3
            if not ragged and not start and abs(fit - prev_fit) > 1:
                return None
            prev_fit, start = fit, False
            out.append(fitting)
            line += 1
            i = fitting + 1
            natural = stretch = shrink = 0.0
            fitting = -1
            continue
        if k == FORCED:
            out.append(i)
            if i == n - 1:
                return out
            line += 1
            natural = stretch = shrink = 0.0
            fitting = -1
            start = True
            i += 1
            continue
        if k == GLUE:
            fitting, fit_natural, fit_stretch, fit_shrink = i, natural, stretch, shrink
            natural += after[i]
            stretch += st[i]
            shrink += sh[i]
        i += 1
    return out


def _run(row: Row, widths: list[float], p: Params, tolerance: float, no_hyphen_line: int | None,
         rescue: bool = False) -> _Node | None:
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
    lp, max_run, double, final, adjacent = p.line_penalty, p.max_hyphen_run, p.double_hyphen, p.final_hyphen, p.adjacent
    # within tolerance badness stops at TeX's 10000; past it (the last
    # pass) a looser line still costs more, so the least loose one wins
    unbounded = tolerance == float("inf")
    cap = 1e8 if unbounded else _INF_BAD
    r_max = float("inf") if unbounded else (tolerance / 100.0) ** (1 / 3)
    # Active nodes in order of position.  For a given break, the line from
    # an earlier node is longer: nodes whose line overfills are all at the
    # front (and never recover: they are dropped), and once a line is too
    # loose every later node's is looser (they wait for a later break).
    active = [_Node(-1, 0, 1, 0, 0.0, None, False)]
    head = 0
    for b in range(n):
        k = FORCED if b == n - 1 else kind[b]
        if k == NONE:
            continue
        is_hyphen = k == HYPHEN
        drawn = after[b] if is_hyphen else 0.0
        flag = is_hyphen and flagged[b]
        end = k == FORCED
        Wb, Gb, Yb, Zb = W[b + 1] + drawn, G[b], Y[b], Z[b]
        best: dict = {}
        overfull = None
        i, count = head, len(active)
        while i < count:
            a = active[i]
            i += 1
            pos = a.pos
            line = a.line
            diff = widths[line if line < last_width else last_width] - (Wb - W[pos + 1] + Gb - G[pos + 1])
            if diff < -1e-6:
                shrink = 0.0 if ragged else Zb - Z[pos + 1]
                r = diff / shrink if shrink > 0 else -2.0
                if r < -1.0 - 1e-9:
                    if overfull is None or a.total < overfull.total:
                        overfull = a
                    head = i  # this node, and every one before it, overfills from here on
                    continue
            elif end:
                r = 0.0
            else:
                stretch = ragged or Yb - Y[pos + 1]
                r = diff / stretch if stretch > 0 else float("inf")
                if r > r_max:
                    if pos >= 0:
                        break
                    continue  # the first line has its own measure
            bad = 100.0 * r * r * abs(r) if -100 < r < 100 else 1e8
            if bad > tolerance:
                continue
            if bad > cap:
                bad = cap
            run = a.run + 1 if flag else 0
            if run > max_run and not rescue:
                continue
            if is_hyphen and keyed_by_line and line == no_hyphen_line:
                continue
            d = (lp + bad) ** 2
            if is_hyphen:
                pen = penalty[b]
                d += pen * pen
                if a.hyphen and flag:
                    d += double
                if run > max_run:
                    d += 1e8
            elif end and a.hyphen:
                d += final
            fit = 0 if r < -0.5 else 1 if r <= 0.5 else 2 if r <= 1.0 else 3
            if not ragged and (fit - a.fitness > 1 or a.fitness - fit > 1):
                d += adjacent
            total = a.total + d
            key = (fit, run if run < 3 else 3, line + 1) if keyed_by_line else (fit, run if run < 3 else 3)
            old = best.get(key)
            if old is None or total < old.total:
                best[key] = _Node(b, line + 1, fit, run, total, a, flag)
        if not best and head >= len(active) and rescue and overfull is not None:
            # a segment wider than the measure: let that one line overfill
            best[(1, 0)] = _Node(b, overfull.line + 1, 1, 0, overfull.total + 1e9, overfull, False)
        if end:
            active, head = list(best.values()), 0
        else:
            if head > 32:
                del active[:head]
                head = 0
            active.extend(best.values())
        if head >= len(active):
            return None
    finals = [a for a in active[head:] if a.pos == n - 1]
    if not finals:
        return None
    return min(finals, key=lambda a: (a.total, a.line))
