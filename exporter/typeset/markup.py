"""Model inlines as ReportLab paragraph markup, escaping all text.

ReportLab's Paragraph parses its text as markup, so every piece of source
text goes through :func:`esc`; only this module writes tags.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from exporter import model as m


_LONG_RUN = re.compile(r"\S{24,}")
_BREAK_AFTER = re.compile(r"([/\-_.?&=#:;,])(?=\S)")


def breakable(text: str) -> str:
    """``text`` with a zero-width space after the separators (``/ - _ . ? &
    = # : ; ,``) of every long unbroken run, such as a URL or a path:
    ReportLab cannot otherwise break such a run and sets it past the text
    block.  Extracted text keeps the same words."""
    return _LONG_RUN.sub(lambda m: _BREAK_AFTER.sub("\\1\u200b", m.group()), text)


def attr(text: str) -> str:
    """``text`` escaped for a markup attribute value (an ``href``): no
    break opportunities, which would change the link."""
    return escape(text, {'"': "&quot;"})


def esc(text: str) -> str:
    """``text`` escaped for a ReportLab paragraph (``&``, ``<``, ``>``,
    quotes), with break opportunities in long runs (:func:`breakable`)."""
    return escape(breakable(text), {'"': "&quot;"})


def inline_markup(nodes: tuple[m.Inline, ...], links: bool = True, accent: str = "") -> str:
    """Markup for inline nodes: ``<i>``, ``<b>``, ``<a href>``, curly quotes."""
    out = []
    for n in nodes:
        if isinstance(n, m.Text):
            out.append(esc(n.text))
        elif isinstance(n, m.Emph):
            out.append(f"<i>{inline_markup(n.children, links, accent)}</i>")
        elif isinstance(n, m.Strong):
            out.append(f"<b>{inline_markup(n.children, links, accent)}</b>")
        elif isinstance(n, m.Quote):
            out.append(f"“{inline_markup(n.children, links, accent)}”")
        else:
            inner = inline_markup(n.children, links, accent)
            colour = f' color="{accent}"' if accent else ""
            out.append(f'<a href="{attr(n.target)}"{colour}>{inner}</a>' if links else inner)
    return "".join(out)
