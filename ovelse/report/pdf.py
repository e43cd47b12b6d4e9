"""The oppsummeringsnotat as PDF/A-2b for the archive, made by WeasyPrint from the report's own HTML.

Why WeasyPrint: it lays out the HTML we already make (one layout for screen, print and archive), writes
PDF/A-2b itself (XMP metadata with ``pdfaid``, an sRGB output intent, every font embedded as a
subset), takes the document language from ``<html lang>``, makes bookmarks from the headings, and
prints the CSS page-margin boxes that carry the marking and «Side n av m» on every page. It is pure
Python over Pango (a system library on Linux, bundled in its Windows and macOS installers). The text
is set in DejaVu Sans, which covers Norwegian and Northern Sámi letters (á č đ ŋ š ŧ ž). It is imported
only here, so the other formats work without it; a missing library gives a message naming the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ovelse.i18n import _
from ovelse.i18n.dates import iso_utc
from ovelse.report.errors import ExportError
from ovelse.report.html import render_html
from ovelse.report.layout import Document
from ovelse.report.model import ReportData

if TYPE_CHECKING:
    from collections.abc import Callable

PDF_VARIANT = "pdf/a-2b"
# What to install when WeasyPrint cannot load Pango (Debian/Ubuntu package names).
PANGO_PACKAGE = "libpango-1.0-0 libpangoft2-1.0-0"
FONT_PACKAGE = "fonts-dejavu-core"


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError:
        raise ExportError("report.pdf_module_missing", module="weasyprint") from None
    except OSError:  # WeasyPrint is there, but Pango (or a library it needs) is not
        raise ExportError("report.pdf_library_missing", library="Pango", package=PANGO_PACKAGE) from None
    return weasyprint


def render_pdf(doc: Document, report: ReportData, *, progress: Callable[[str], None] | None = None) -> bytes:
    html = render_html(doc, report.generator, for_pdf=True, created=iso_utc(report.journal_created))
    return html_to_pdf_a(html, report.journal_id.encode(), progress=progress)


def html_to_pdf_a(html: str, identifier: bytes, *, progress: Callable[[str], None] | None = None) -> bytes:
    """PDF/A-2b of an HTML text laid out for print (``@page`` rules for the marking and page numbers);
    ``identifier`` becomes the PDF's file identifier, so the same input gives the same file."""
    weasyprint = _weasyprint()
    if progress is not None:
        progress(_("Lager PDF: setter opp sidene …"))
    document = weasyprint.HTML(string=html).render(pdf_variant=PDF_VARIANT, uncompressed_pdf=False)
    if progress is not None:
        progress(_("Lager PDF: skriver {pages} sider …").format(pages=len(document.pages)))
    data: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, pdf_identifier=identifier)
    return data
