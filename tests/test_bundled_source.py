"""The bundled conference: valid, complete, and structured."""

from __future__ import annotations

from exporter import model as m
from exporter.plaintext import body_units
from oracle import missing, seed_sentences


def test_bundled_event_validates_with_zero_problems(cli):
    result = cli("validate")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("pakistan-russia-2019: valid")


def test_every_sentence_of_the_report_is_in_the_model_in_order(bundled_event):
    text = "\n".join(u.text for u in body_units(bundled_event))
    sentences = seed_sentences()
    assert len(sentences) > 300
    assert missing(sentences, text) == []


def test_oracle_notices_a_dropped_sentence(bundled_event):
    text = "\n".join(u.text for u in body_units(bundled_event))
    victim = "The military cooperation is the most active part of this relationship."
    assert victim in text
    assert missing(seed_sentences(), text.replace(victim, "")) == [f"missing: {victim}"]


def test_credits_are_fields(bundled_event):
    assert bundled_event.credits.compiled_by == ("Raosen Taj Raisani", "Haris Bilal Malik")
    assert bundled_event.credits.edited_by == ("S. Sadia Kazmi",)


def test_people_have_one_spelling(bundled_event):
    text = "\n".join(u.text for u in body_units(bundled_event))
    for wrong in ("Irena", "Kahlid", "Volkhnosky", "Listen Text", "Author of this article"):
        assert wrong not in text


def test_structure_matches_the_report(bundled_event):
    ev = bundled_event
    assert [s.id for s in ev.sessions] == ["inaugural", "geopolitics", "defence"]
    kinds = [it.kind for s in ev.sessions for it in s.items if isinstance(it, m.Contribution)]
    assert kinds.count("keynote") == 2 and "rapporteur" in kinds and "thanks" in kinds
    cg = ev.find("chief-guest")[1]
    lists = [b for b in cg.body if isinstance(b, m.ListBlock)]
    assert [len(li.items) for li in lists] == [5, 7]  # the five features, the seven-point framework
    assert all(li.ordered for li in lists)
    qas = [it for s in ev.sessions for it in s.items if isinstance(it, m.QASession)]
    assert sum(len(q.exchanges) for q in qas) == 7
    assert any(p.native_name == "Ирина Николаевна Серенко" for p in ev.people)


def test_marked_quotations_are_quote_nodes(bundled_event):
    def quotes(blocks):
        for b in blocks:
            if isinstance(b, m.Paragraph):
                yield from (n for n in b.inlines if isinstance(n, m.Quote))
            elif isinstance(b, m.ListBlock):
                for it in b.items:
                    yield from quotes(it)

    found = {q.children[0].text for s in bundled_event.sessions for it in s.items
             if isinstance(it, m.Contribution) for q in quotes(it.body)}
    assert {"Map is a great indicator of reality", "we still need to know more about each other",
            "miniaturist Cuban Missile crisis"} <= found


def test_brief_refers_to_existing_items(bundled_event):
    b = bundled_event.brief
    assert len(b.key_messages) == 3 and b.recommendations and b.key_figures
    for ref in [k.ref for k in b.key_messages] + [r.ref for r in b.recommendations]:
        assert bundled_event.find(ref) is not None
