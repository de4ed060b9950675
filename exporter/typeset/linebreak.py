"""Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into
lines", 1981), over widths measured by the caller.

A paragraph is a row of *segments*: words, or the pieces of a word between
its allowed breaks.  After each segment comes one of

* ``GLUE``: a word space, where a line may end (the space is then dropped);
  it may stretch, and shrink a little;
* ``HYPHEN``: a break inside a word, drawing ``after`` points of hyphen when
  taken (0 after a compound's own hyphen or a URL's separator); one
  between Chinese or Japanese characters may stretch when not taken, as
  the space between them does in a justified line;
* ``NONE``: no break here (a word continued in another font);
* ``FORCED``: the line must end here (a ``<br/>``, or the paragraph's end).

Every way of breaking the paragraph is weighed at once, and the one with the
least total demerits wins, as in TeX: each line's demerits grow with the
cube of how far its spaces stretch or shrink, with a penalty for each
hyphen, more for two hyphenated lines in a row and for a hyphen before the
last line, and more when a line's tightness differs sharply from its
neighbour's.  No more than ``max_hyphen_run`` hyphenated lines follow each
other.

The passes: first, :func:`first_fit` at word spaces with the words whole
(TeX's first pass, set greedily), taken when every line comes within
``pretolerance`` (most of a book's paragraphs, at a fraction of the cost,
and their words need no hyphenating); then, in :func:`best_breaks`, total
fit with hyphens within ``tolerance``; then within ``loose_tolerance``
(spaces up to about three times their stretch: a run of names and ranks
with nothing to hyphenate); then accepting any looseness, the least loose
winning (a long URL in a narrow column); last, a rescue that may also let
one line overfill or three hyphens follow each other.  A line overfills only when
a single segment is wider than the measure, which the caller prevents by
cutting such a word into pieces.

Ragged (unjustified) text is set by the same method with fixed spaces and
``ragged`` points of stretch at each line's end, which keeps its right edge
calm without hyphenating more than it helps.
"""

from __future__ import annotations

from dataclasses import dataclass

GLUE, HYPHEN, NONE, FORCED = 0, 1, 2, 3
_INF_BAD = 10000.0
_LOOSEST = 30.0  # r of the loosest line the pass past tolerance weighs (badness 2.7 million)


@dataclass(frozen=True)
class Params:
    """The weights; the defaults are TeX's where TeX has one."""

    pretolerance: float = 100.0      # worst badness a first-fit line may have
    tolerance: float = 300.0         # worst badness allowed in the total-fit pass
    loose_tolerance: float = 3000.0  # the second pass, for a paragraph with no way within tolerance
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


# A node: a feasible break and the best way found to reach it, as a tuple
# (fields by index, for speed): position, lines so far, fitness class of
# its line, hyphenated lines in a row ending here, total demerits, the node
# before, whether its line ends in a visible hyphen.
_POS, _LINE, _FIT, _RUN, _TOTAL, _PREV, _HYPHEN = range(7)


def best_breaks(row: Row, widths: list[float], params: Params = Params(),
                no_hyphen_line: int | None = None) -> list[int]:
    """The segments after which each line ends (the last is the paragraph's
    last segment) for the least total demerits.  ``widths[k]`` is the
    measure of line k (the last repeats).  ``no_hyphen_line``: the line
    (0-based) that must not end in a hyphen, such as the last line on a
    page the reader must turn."""
    found = _run(row, widths, params, params.tolerance, no_hyphen_line)
    if found is None and params.loose_tolerance > params.tolerance:
        found = _run(row, widths, params, params.loose_tolerance, no_hyphen_line)
    if found is None:
        found = _run(row, widths, params, float("inf"), no_hyphen_line)
    if found is None:
        found = _run(row, widths, params, float("inf"), None, rescue=True)
    out = []
    node = found
    while node is not None and node[_POS] >= 0:
        out.append(node[_POS])
        node = node[_PREV]
    out.reverse()
    return out


def first_fit(row: Row, widths: list[float], p: Params = Params()) -> list[int] | None:
    """Breaks at word spaces (``row`` has no breaks inside words), each
    line as full as its spaces allow, when
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
         rescue: bool = False) -> tuple | None:
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
        elif st[i]:
            y += st[i]  # a break that stretches when not taken (between Chinese characters)
        W[i + 1], G[i + 1], Y[i + 1], Z[i + 1] = w, g, y, z
    last_width = len(widths) - 1
    ragged = p.ragged
    inf = inf_r = float("inf")
    keyed_by_line = no_hyphen_line is not None
    lp, max_run, double, final, adjacent = p.line_penalty, p.max_hyphen_run, p.double_hyphen, p.final_hyphen, p.adjacent
    # within tolerance badness stops at TeX's 10000; past it (the last
    # pass) a looser line still costs more, so the least loose one wins
    unbounded = tolerance == float("inf")
    cap = 1e8 if unbounded else _INF_BAD
    # The pass past tolerance weighs a line whose spaces stretch more than
    # _LOOSEST times their stretch only while no saner line ends at that
    # break (its demerits dwarf any other difference): without that bound
    # the scan would weigh every earlier break against every later one.
    r_max = inf_r if rescue else _LOOSEST if unbounded else (tolerance / 100.0) ** (1 / 3)
    # Active nodes in order of position.  For a given break, the line from
    # an earlier node is longer: nodes whose line overfills are all at the
    # front (and never recover: they are dropped), and once a line is too
    # loose every later node's is looser (they wait for a later break).
    active = [(-1, 0, 1, 0, 0.0, None, False)]
    head = 0
    for b in range(n):
        k = FORCED if b == n - 1 else kind[b]
        if k == NONE:
            continue
        is_hyphen = k == HYPHEN
        end = k == FORCED
        Wb = W[b + 1] + after[b] if is_hyphen else W[b + 1]
        Gb, Yb = G[b], Y[b]
        if not end and not unbounded:
            # most breaks end no line: the longest line to here (from the
            # first active node) is still too loose (the scan below would
            # stop at its first node)
            pos1 = active[head][0] + 1
            if pos1:
                diff = widths[active[head][1] if active[head][1] < last_width else last_width] \
                    - (Wb - W[pos1] + Gb - G[pos1])
                if diff > 0:
                    stretch = ragged or Yb - Y[pos1]
                    if stretch <= 0 or diff / stretch > r_max:
                        continue
        flag = is_hyphen and flagged[b]
        Zb = Z[b]
        pen2 = penalty[b] * penalty[b] if is_hyphen else 0.0
        best: dict = {}
        overfull = None
        i, count = head, len(active)
        while i < count:
            a = active[i]
            i += 1
            pos1 = a[0] + 1
            line = a[1]
            diff = widths[line if line < last_width else last_width] - (Wb - W[pos1] + Gb - G[pos1])
            if diff < -1e-6:
                shrink = 0.0 if ragged else Zb - Z[pos1]
                r = diff / shrink if shrink > 0 else -2.0
                if r < -1.0 - 1e-9:
                    if overfull is None or a[4] < overfull[4]:
                        overfull = a
                    head = i  # this node, and every one before it, overfills from here on
                    continue
            elif end:
                r = 0.0
            else:
                stretch = ragged or Yb - Y[pos1]
                r = diff / stretch if stretch > 0 else inf
                if r > r_max:
                    if unbounded:  # past tolerance: weighed while no saner line ends here
                        if best and pos1:
                            break
                    elif pos1:
                        break
                    else:
                        continue  # the first line has its own measure
            bad = 100.0 * r * r * abs(r) if -100 < r < 100 else 1e8
            if bad > tolerance:
                continue
            if bad > cap:
                bad = cap
            run = a[3] + 1 if flag else 0
            if run > max_run and not rescue:
                continue
            d = (lp + bad) ** 2
            if is_hyphen:
                if keyed_by_line and line == no_hyphen_line:
                    continue
                d += pen2
                if flag and a[6]:
                    d += double
                if run > max_run:
                    d += 1e8
            elif end and a[6]:
                d += final
            fit = 0 if r < -0.5 else 1 if r <= 0.5 else 2 if r <= 1.0 else 3
            if not ragged and (fit - a[2] > 1 or a[2] - fit > 1):
                d += adjacent
            total = a[4] + d
            key = fit * 4 + (run if run < 3 else 3)
            if keyed_by_line:
                # how many lines a node has matters only until the line that
                # may not end in a hyphen is behind it: past it, one key (else
                # a long paragraph keeps a node per line count, quadratic)
                key += 16 * (line + 1 if line < no_hyphen_line else no_hyphen_line + 1)
            old = best.get(key)
            if old is None or total < old[4]:
                best[key] = (b, line + 1, fit, run, total, a, flag)
        if not best and head >= len(active) and rescue and overfull is not None:
            # a segment wider than the measure: let that one line overfill
            best[4] = (b, overfull[1] + 1, 1, 0, overfull[4] + 1e9, overfull, False)
        if end:
            active, head = list(best.values()), 0
        else:
            if head > 32:
                del active[:head]
                head = 0
            active.extend(best.values())
        if head >= len(active):
            return None
    finals = [a for a in active[head:] if a[0] == n - 1]
    if not finals:
        return None
    return min(finals, key=lambda a: (a[4], a[1]))
