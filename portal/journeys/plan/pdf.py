"""The plan as a PDF a person can take to a meeting: tagged for screen readers (PDF/UA-1), with the
page's title and language, real fonts and page numbers. Made with WeasyPrint from plan/pdf.html.

WeasyPrint runs in a child process with a time limit (`render_pdf_within`): a plan that takes too long
is stopped and the person is asked to try again, instead of gunicorn killing the worker (and every other
request it held) at its own timeout. A crash inside the PDF libraries (a SIGSEGV, seen once after such
kills) ends the child, never the worker; and the memory WeasyPrint keeps after a PDF goes with the child.
"""

from __future__ import annotations

import gc
import logging
import os
import select
import signal
import time

log = logging.getLogger(__name__)

# Under gunicorn's worker timeout (gunicorn.conf.py, 30 s), with room for the rest of the request.
PDF_SECONDS = 20.0


# A document with a little of every font the plan uses (regular and bold), made once in each worker before
# its first child: see _warm.
WARM_UP = (
    '<html lang="en"><head><title>-</title></head>'
    "<body style=\"font-family: 'Liberation Sans', Arial, 'DejaVu Sans', sans-serif\">"
    "<h1>-</h1><p>- 1 £</p><table><tr><th>-</th><td>-</td></tr></table><ul><li>-</li></ul></body></html>"
)
_warmed = False


class PdfNotMade(RuntimeError):
    """The PDF could not be made in time, or its maker failed."""


def _warm() -> None:
    """Make one tiny PDF in this process, once, so that each child starts with WeasyPrint's lazily imported
    modules and the fonts already loaded instead of loading them for every PDF. Measured: about 35 ms
    less for each PDF."""
    global _warmed
    if not _warmed:
        _warmed = True
        try:
            _make(WARM_UP)
        except Exception:  # pragma: no cover - then each child loads them itself, as before
            log.exception("could not warm up the PDF maker")


def render_pdf(html: str) -> bytes:
    """PDF bytes for the HTML. Nothing is fetched: the template has no links to load, and any that
    slipped in (from text a person typed, say) are refused."""
    return _make(html)


def _make(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(pdf_variant="pdf/ua-1")


def render_pdf_within(html: str, seconds: float = PDF_SECONDS) -> bytes:
    """render_pdf in a child process that is stopped after `seconds`. PdfNotMade if it did not finish."""
    _warm()  # in the worker, once, so that each child starts at once
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child process (its work is checked through the parent)
        status = 1
        try:
            import faulthandler

            faulthandler.disable()  # a crash here is reported by the parent, with the signal
            # The garbage collector leaves the worker's own objects alone: walking them all would write to
            # every page of the worker's memory that holds one, copying each (about 100 ms for each PDF).
            gc.freeze()
            os.close(readable)
            pdf = render_pdf(html)
            view = memoryview(pdf)
            while view:
                view = view[os.write(writable, view) :]
            status = 0
        finally:
            os._exit(status)
    os.close(writable)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([readable], [], [], left)[0]:
                os.kill(child, signal.SIGKILL)
                raise PdfNotMade(f"the PDF took more than {seconds:.0f} s")
            chunk = os.read(readable, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(readable)
        _, status = os.waitpid(child, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise PdfNotMade(f"the PDF maker ended with {os.waitstatus_to_exitcode(status)}")
    return b"".join(chunks)
