"""Model inlines as ReportLab paragraph markup, escaping all text.

ReportLab's Paragraph parses its text as markup, so every piece of source
text goes through :func:`esc`; only this module writes tags.
"""

from __future__ import annotations

from html import escape as _html_escape

from exporter import model as m
from exporter.plaintext import inline_text, link_address


def _escape(text: str) -> str:
    """``&``, ``<``, ``>`` and ``"`` as entities (what ``xml.sax.saxutils.escape``
    with ``{'"': "&quot;"}`` gives, without the mail and web modules that
    importing it loads: a fiftieth of an export of the bundled booklet)."""
    return _html_escape(text, quote=False).replace('"', "&quot;")


def attr(text: str) -> str:
    """``text`` escaped for a markup attribute value (an ``href``)."""
    return _escape(text)


def esc(text: str) -> str:
    """``text`` escaped for a ReportLab paragraph (``&``, ``<``, ``>``,
    quotes).  Nothing is inserted: where a URL or a long word may break is
    the line breaker's business (:mod:`exporter.typeset.hyphenation`)."""
    return _escape(text)


def address(target: str, shown: str) -> str:
    """On paper a link cannot be followed, so the reader must see where it
    points: `` (address)`` in a smaller size after the link's text, unless
    the text already is the address (with or without its scheme)."""
    bare = link_address(target, shown)
    return f' <font size="-1">({esc(bare)})</font>' if bare else ""


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
            out.append(f'<a href="{attr(n.target)}"{colour}>{inner}</a>' if links
                       else inner + address(n.target, inline_text(n.children)))
    return "".join(out)
