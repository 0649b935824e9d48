"""Markdown → safe HTML: python-markdown renders, nh3 (ammonia) removes everything not on an
allow-list, so ``<script>``, event handlers, ``javascript:`` links and inline styles never reach
the page whatever an author types."""

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "code": {"class"},
    "div": {"class"},
    "span": {"class"},
    "sup": {"id"},
    "li": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["extra", "sane_lists", "toc"]
EXTENSION_CONFIGS = {"toc": {"permalink": False}}
MAX_MARKDOWN = 200_000


def render_markdown(text: str) -> str:
    """Sanitised HTML for ``text``; relative links (own pages, attachments) are kept."""
    html = markdown.markdown(
        (text or "")[:MAX_MARKDOWN],
        extensions=EXTENSIONS,
        extension_configs=EXTENSION_CONFIGS,
        output_format="html",
    )
    return clean_html(html)


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def plain_excerpt(text: str, length: int = 240) -> str:
    """A short plain-text excerpt of Markdown (for lists without a summary)."""
    import re

    plain = re.sub(r"[#*_`>\[\]()!|-]+", " ", text or "")
    plain = " ".join(plain.split())
    return plain if len(plain) <= length else plain[: length - 1].rsplit(" ", 1)[0] + "…"
