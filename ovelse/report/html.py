"""The oppsummeringsnotat as one self-contained HTML file, from a Jinja2 template with autoescaping.

No scripts and no external resources (a Content-Security-Policy forbids both, as a second line of
defence behind the escaping). Print styles give A4 pages, headings kept with what follows, table headers
repeated on each page, the marking and «Side n av m» on every page (CSS paged-media margin boxes, which
Chromium and WeasyPrint print; the marking also opens the first page for browsers that do not). The PDF
(:mod:`ovelse.report.pdf`) is made from this same HTML.
"""

from __future__ import annotations

from functools import cache

import jinja2
import markupsafe

from ovelse.i18n import LANGUAGE_TAGS, _
from ovelse.report.layout import Document, Heading, ItemList, Para, Table


def css_string(text: str) -> str:
    """A CSS string literal; everything but letters, digits and a few safe signs is hex-escaped,
    so no text can end the string or the style element."""
    out = []
    for ch in text:
        if ch.isalnum() or ch in " .,:;–§«»()/":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ovelse.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # css_string's output is safe inside <style> (no «<», «&» or quote is left unescaped); it must not be
    # HTML-escaped there, where entities are not decoded.
    env.filters["css_string"] = lambda text: markupsafe.Markup(css_string(text))
    env.tests.update(
        heading=lambda b: isinstance(b, Heading),
        para=lambda b: isinstance(b, Para),
        itemlist=lambda b: isinstance(b, ItemList),
        table=lambda b: isinstance(b, Table),
    )
    return env.get_template("report.html")


def page_number_parts() -> tuple[str, str, str]:
    """«Side {page} av {pages}» split around its two numbers, for a CSS ``content`` with counters."""
    page = _("Side {page} av {pages}")
    before, _sep, after = page.partition("{page}")
    middle, _sep, end = after.partition("{pages}")
    return before, middle, end


def render_html(doc: Document, generator: str, *, for_pdf: bool = False, created: str | None = None) -> str:
    """The HTML text; ``for_pdf`` uses the embedded PDF font and leaves out the screen layout;
    ``created`` (ISO 8601) becomes the document's creation date in the PDF's metadata."""
    return _template().render(
        doc=doc,
        generator=generator,
        lang=LANGUAGE_TAGS.get(doc.language, "nb-NO"),
        for_pdf=for_pdf,
        created=created,
        page_parts=page_number_parts(),
    )
