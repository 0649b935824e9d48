import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ikonnekt.knowledge.actions import parse_links
from ikonnekt.knowledge.forms import split_tags


def test_links_are_parsed_from_lines():
    assert parse_links("Kriterienkatalog | /assessment/3/\n\n  https://example.org/x  \n") == [
        ("Kriterienkatalog", "/assessment/3/"),
        ("https://example.org/x", "https://example.org/x"),
    ]


def test_label_may_contain_a_pipe_only_before_the_last_one():
    assert parse_links("A | B | https://example.org/") == [("A | B", "https://example.org/")]


@pytest.mark.parametrize(
    "text", ["x | javascript:alert(1)", "//evil.example/path", "ftp://example.org/", "data:text/html,hi"]
)
def test_unsafe_addresses_are_refused_naming_the_line(text):
    with translation.override("en"), pytest.raises(ValidationError, match="Line 2"):
        parse_links("ok | /knowledge/\n" + text)


def test_tags_are_split_trimmed_and_deduplicated_case_insensitively():
    assert split_tags(" Grüngut,  Biomasse ; grüngut,, Heiz   werk ") == ["Grüngut", "Biomasse", "Heiz werk"]
    assert split_tags("") == []
