"""The catalogue of the publishing layer's words (mougraph.publishing.i18n): complete, and exactly what is used.

Python asks for a message with ``message("id", lang, ...)`` or ``translations("id", ...)``; the templates
read ``t.id`` or call ``t("id", ...)``. Both are found here by parsing (Python's ast, Jinja's parser), so
an id must be written out literally where it is used.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from jinja2 import nodes

import mougraph.publishing
from mougraph.publishing.i18n import MESSAGES, Messages, message, translations
from mougraph.publishing.negotiation import LANGUAGES
from mougraph.publishing.pages import page_environment

PUBLISHING = Path(mougraph.publishing.__file__).parent
CATALOGUE = PUBLISHING / "i18n.py"
CALLS = {"message", "translations"}
HANGUL = re.compile("[\uac00-\ud7a3]")


def placeholders(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def python_uses() -> list[tuple[str, str, set[str] | None]]:
    """(where, id, keyword names or None for **values) of every catalogue call in the publishing package."""
    uses = []
    for path in sorted(PUBLISHING.rglob("*.py")):
        if path == CATALOGUE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CALLS:
                where = f"{path.relative_to(PUBLISHING)}:{node.lineno}"
                first = node.args[0] if node.args else None
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), \
                    f"{where}: write the message id out literally"
                names = {k.arg for k in node.keywords}
                uses.append((where, first.value, None if None in names else names))
    return uses


def template_uses() -> list[tuple[str, str, set[str] | None]]:
    """(where, id, keyword names or None for plain ``t.id``) of every use of ``t`` in the templates."""
    env = page_environment(LANGUAGES[0])
    uses = []
    for name in env.list_templates(extensions=["j2"]):
        tree = env.parse(env.loader.get_source(env, name)[0], name=name)
        for node in tree.find_all((nodes.Getattr, nodes.Call, nodes.Getitem, nodes.Name)):
            where = f"templates/{name}:{node.lineno}"
            if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name) and node.node.name == "t":
                uses.append((where, node.attr, set()))
            elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == "t":
                first = node.args[0] if node.args else None
                assert isinstance(first, nodes.Const) and isinstance(first.value, str), \
                    f"{where}: write the message id out literally"
                uses.append((where, first.value, {k.key for k in node.kwargs}))
            elif isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name) and node.node.name == "t":
                pytest.fail(f"{where}: read a message as t.id or t('id', ...), not t[...]")
            elif isinstance(node, nodes.Name) and node.name == "t" and node.ctx == "store":
                pytest.fail(f"{where}: t is the catalogue; do not assign to it")
    return uses


def test_every_message_has_every_language_with_the_same_placeholders():
    for message_id, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), message_id
        assert all(text.strip() for text in texts.values()), message_id
        assert len({frozenset(placeholders(text)) for text in texts.values()}) == 1, message_id


def test_every_id_used_exists_with_the_values_it_needs():
    uses = python_uses() + template_uses()
    assert uses
    for where, message_id, names in uses:
        assert message_id in MESSAGES, f"{where}: unknown message id {message_id!r}"
        if names is not None:
            expected = placeholders(MESSAGES[message_id][LANGUAGES[0]])
            assert names == expected, f"{where}: {message_id!r} takes {sorted(expected)}, given {sorted(names)}"


def test_every_message_is_used():
    used = {message_id for _where, message_id, _names in python_uses() + template_uses()}
    assert sorted(set(MESSAGES) - used) == []


def test_no_korean_outside_the_catalogue():
    """Code, templates and scripts hold no words of their own (the shapes' sh:message literals are data)."""
    for path in sorted(PUBLISHING.rglob("*")):
        if path.suffix in (".py", ".j2", ".js", ".css", ".html") and path != CATALOGUE:
            assert not HANGUL.search(path.read_text(encoding="utf-8")), path.relative_to(PUBLISHING)


def test_the_ways_of_reading_a_message_agree():
    assert message("line", "ko", n=3) == "줄 3" and message("line", "en", n=3) == "line 3"
    assert translations("home") == {"ko": "처음", "en": "Home"}
    assert Messages("en").home == "Home" and Messages("ko")("more", n=2) == "… 2 더 보기"
    with pytest.raises(KeyError):
        message("no such message", "en")


def test_names_of_other_vocabularies_and_inverses_have_every_language():
    from mougraph.publishing.i18n import INVERSE_LABELS, TERM_LABELS

    for table in (TERM_LABELS, INVERSE_LABELS):
        for curie, texts in table.items():
            assert ":" in curie and set(texts) == set(LANGUAGES) and all(t.strip() for t in texts.values()), curie
