"""The query language: what parses to what, and where a bad query is said to go wrong."""

from __future__ import annotations

from datetime import date

import pytest

from reader.search import And, DateFilter, Everything, Filter, Not, Or, QueryError, Text, parse, unparse
from reader.search.fts import expression, quoted
from reader.search.plan import plan


def word(text: str, prefix: bool = False) -> Text:
    return Text(text, prefix=prefix)


def phrase(text: str) -> Text:
    return Text(text, phrase=True)


VALID = [
    ("maduro", word("maduro")),
    ("  maduro   ledezma ", And((word("maduro"), word("ledezma")))),
    ('"political prisoner"', phrase("political prisoner")),
    ("“political  prisoner”", phrase("political prisoner")),
    ("vene*", word("vene", prefix=True)),
    ('"nicolas mad"*', Text("nicolas mad", phrase=True, prefix=True)),
    ("-colombia", Not(word("colombia"))),
    ("NOT colombia", Not(word("colombia"))),
    ("--colombia", word("colombia")),
    ("a OR b", Or((word("a"), word("b")))),
    ("a AND b", And((word("a"), word("b")))),
    # OR binds tighter than AND, as in mail search.
    ("a OR b c", And((Or((word("a"), word("b"))), word("c")))),
    ("a b OR c", And((word("a"), Or((word("b"), word("c")))))),
    ("(a b) OR c", Or((And((word("a"), word("b"))), word("c")))),
    ("a (b (c d))", And((word("a"), word("b"), word("c"), word("d")))),
    ("-(a OR b)", Not(Or((word("a"), word("b"))))),
    ("or and not", And((word("or"), word("and"), word("not")))),
    ("is:unread", Filter("is", "unread")),
    ("IS:Starred", Filter("is", "starred")),
    ("is:read is:annotated", And((Filter("is", "read"), Filter("is", "annotated")))),
    ("tag:Venezuela", Filter("tag", "venezuela")),
    ('tag:"Latin America"', Filter("tag", "latin-america")),
    ("outlet:panam", Filter("outlet", "panam")),
    ('feed:"Caracas Chronicles"', Filter("outlet", "Caracas Chronicles")),
    ('entity:"Nicolás Maduro"', Filter("entity", "Nicolás Maduro")),
    ("type:person", Filter("type", "person")),
    ("type:organization", Filter("type", "organisation")),
    ("type:location", Filter("type", "place")),
    ("author:kew", Filter("author", "kew")),
    ("after:2017-11-01", DateFilter("after", date(2017, 11, 1))),
    ("before:2018", DateFilter("before", date(2018, 1, 1))),
    ("after:2017-11", DateFilter("after", date(2017, 11, 1))),
    ("10:30", word("10:30")),
    ("e-mail", word("e-mail")),
    ("", Everything()),
    ("   ", Everything()),
]


@pytest.mark.parametrize(("query", "tree"), VALID)
def test_valid_queries_parse_to_their_tree(query, tree):
    assert parse(query) == tree


@pytest.mark.parametrize("query", [q for q, _ in VALID])
def test_unparse_gives_a_query_that_parses_to_the_same_tree(query):
    tree = parse(query)
    assert parse(unparse(tree)) == tree


def test_terms_remember_where_they_stand():
    tree = parse('maduro "political prisoner" tag:x')
    assert [child.span for child in tree.children] == [(0, 6), (7, 27), (28, 33)]


INVALID = [
    # (query, words in the message, 0-based position of the caret)
    ('maduro "nic', "quote is never closed", 7),
    ('entity:"Nicolás Maduro', "quote is never closed", 7),
    ("a )", "')' has no '('", 2),
    ("(a", "'(' is never closed", 0),
    ("((a)", "'(' is never closed", 0),
    ("()", "nothing between these parentheses", 0),
    ("OR a", "OR needs a term before it", 0),
    ("a OR", "OR needs a term after it", 2),
    ("a OR OR b", "OR needs a term after it", 2),
    ("a AND", "AND needs a term after it", 2),
    ("a AND OR b", "AND needs a term after it", 2),
    ("a NOT", "NOT needs a term after it", 2),
    ("a (NOT)", "NOT needs a term after it", 3),
    ("a - b", "'-' must be written right before", 2),
    ("a -", "'-' must be written right before", 2),
    ("ve*ne", "'*' may only end a word", 2),
    ("*", "'*' may only end a word", 0),
    ("a **", "'*' may only end a word", 2),
    ('"!!"', "no letters or digits", 0),
    ("!!", "no letters or digits", 0),
    ("foo:bar", "no field called 'foo:'", 0),
    ("maduro https://example.org", "no field called 'https:'", 7),
    ("is:new", "'is:' takes unread, read, starred or annotated", 3),
    ("type:animal", "'type:' takes person, organisation or place", 5),
    ("tag:", "'tag:' needs a value", 0),
    ("entity: maduro", "'entity:' needs a value", 0),
    ("author:!!", "'author:' needs a value with letters or digits", 7),
    ("after:2017-13-01", "'after:' needs a date such as 2017-11-01", 6),
    ("before:yesterday", "'before:' needs a date", 7),
    ("(" * 40 + "a" + ")" * 40, "nested more than 32 deep", 32),
]


@pytest.mark.parametrize(("query", "message", "position"), INVALID)
def test_invalid_queries_say_what_and_where(query, message, position):
    with pytest.raises(QueryError) as caught:
        parse(query)
    error = caught.value
    assert message in error.message
    assert error.position == position
    assert f"(column {position + 1})" in str(error)
    shown, caret = error.caret_lines()
    assert caret == " " * position + "^"
    assert len(shown) == len(query)


def test_the_caret_counts_wide_characters_as_two_cells_and_hides_control_characters():
    error = pytest.raises(QueryError, parse, "日本 \x1b[31m foo:bar").value
    shown, caret = error.caret_lines()
    assert "\x1b" not in shown
    assert caret == " " * 11 + "^"  # 日 and 本 take two cells each


@pytest.mark.parametrize(
    "query",
    ['"', "(", ")", "-", "NOT", "OR", "AND", ":", "is:", '""', "a:b:c", "\x00", "((((", "*a", "tag:\"", "(a OR (b",
     "a\nOR\tb"],
)
def test_odd_input_raises_only_query_errors(query):
    try:
        parse(query)
    except QueryError:
        pass


# Building FTS5 queries: user text is always quoted, so it can never be read as FTS5 syntax.

FTS = [
    ("maduro", '("maduro")'),
    ("vene*", '("vene" *)'),
    ('"nicolás maduro"', '("nicolás maduro")'),
    ("NEAR(a b)", '("NEAR" AND "a" AND "b")'),
    ('"a:b" AND c^d', '("a:b" AND "c^d")'),
    ("a OR b -c", '(("a" OR "b")) NOT ("c")'),
]


@pytest.mark.parametrize(("query", "expected"), FTS)
def test_text_terms_become_quoted_fts_strings(query, expected):
    assert plan(parse(query), lambda _: (frozenset(), False)).rank == expected


def test_quotes_inside_a_term_are_doubled():
    assert quoted(Text('a"b')) == '"a""b"'
    assert quoted(Text("x\x00y")) == '"x y"'


def test_a_lone_not_is_left_to_sql():
    assert expression(Not(word("a"))) is None
    steps = plan(parse("-colombia"), lambda _: (frozenset(), False))
    assert steps.rank is None and "NOT" in steps.where


def test_text_and_filters_are_split_between_fts_and_sql():
    steps = plan(parse("maduro -colombia tag:x after:2017-11-01"), lambda term: ({"a1"}, False))
    assert steps.rank == '("maduro") NOT ("colombia")'
    assert "json_each" in steps.where and "d.published >= ?" in steps.where
    assert steps.highlight == '"maduro"'
