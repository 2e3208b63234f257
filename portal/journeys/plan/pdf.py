"""The plan as a PDF a person can take to a meeting: tagged for screen readers (PDF/UA-1), with the
page's title and language, real fonts and page numbers. Made with WeasyPrint from plan/pdf.html."""

from __future__ import annotations


def render_pdf(html: str) -> bytes:
    """PDF bytes for the HTML. Nothing is fetched: the template has no links to load, and any that
    slipped in (from text a person typed, say) are refused."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(pdf_variant="pdf/ua-1")
