"""What a first visit downloads, as the server sends it, and how the public assets may be cached."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from benchmarks.harness import HOST, Client

YEAR = 365 * 24 * 60 * 60
FINGERPRINTED = re.compile(r"(\.[0-9a-f]{8,}\.[a-z0-9]+|[?&]v=[0-9a-f]{8,})$")  # in the name, or ?v=<hash>


class References(HTMLParser):
    """The stylesheets, scripts and images an HTML page makes a browser fetch."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = set((attributes.get("rel") or "").lower().split())
        if (
            tag == "link"
            and attributes.get("href")
            and rel & {"stylesheet", "icon", "preload", "modulepreload"}
        ):
            self.urls.append(attributes["href"])
        elif tag in ("script", "img", "source") and attributes.get("src"):
            self.urls.append(attributes["src"])


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
# import ... from '…', export ... from '…', and import('…') (a script loaded when it is needed).
JS_IMPORT = re.compile(
    r"""(?:\bimport\s*(?:[\w*{}\s,]+\bfrom\s*|\(\s*)?|\bexport\s*[\w*{}\s,]+\bfrom\s*)['"]([^'"]+)['"]"""
)


def first_visit(port: int) -> tuple[list[tuple[str, int, str]], list[str]]:
    """Every file a first visit to / downloads, fetched as a browser asks (gzip and brotli accepted):
    (path, bytes on the wire, content encoding), and references that could not be fetched.

    Fonts referenced by the stylesheets are counted only if the page's text uses them; the GOV.UK
    stylesheet names its fonts for every weight, and a browser fetches only those it needs, so they are
    fetched when the stylesheet is (they are what a first visit pays for)."""
    client = Client(port, encoding="gzip, deflate, br")
    base = f"http://{HOST}:{port}"
    seen: dict[str, tuple[int, str]] = {}
    missing: list[str] = []
    queue = ["/"]
    try:
        while queue:
            path = queue.pop(0)
            if path in seen or any(m.startswith(path + " ") for m in missing):
                continue
            reply = client.get(path)
            if reply.status != 200:
                missing.append(f"{path} (HTTP {reply.status})")
                continue
            encoding = reply.header("Content-Encoding") or "identity"
            seen[path] = (len(reply.body), encoding)
            body = decoded(reply.body, encoding)
            kind = (reply.header("Content-Type") or "").split(";")[0].strip()
            found: list[str] = []
            if kind == "text/html":
                parser = References()
                parser.feed(body)
                found = parser.urls
            elif kind == "text/css":
                found = [u for u in CSS_URL.findall(body) if not u.endswith((".woff", ".eot", ".ttf"))]
            elif kind in ("text/javascript", "application/javascript"):
                found = JS_IMPORT.findall(body)
            for ref in found:
                if ref.startswith(("data:", "#")):
                    continue
                parts = urlsplit(urljoin(base + path, ref))
                if f"{parts.scheme}://{parts.netloc}" != base:
                    missing.append(f"{ref} (not on this server: not fetched)")
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    finally:
        client.close()
    return [(path, size, encoding) for path, (size, encoding) in seen.items()], missing


def decoded(body: bytes, encoding: str) -> str:
    if encoding == "gzip":
        import gzip

        body = gzip.decompress(body)
    elif encoding == "br":
        import brotli  # type: ignore[import-not-found]

        body = brotli.decompress(body)
    return body.decode("utf-8", "replace")


def asset_headers(port: int, paths: list[str]) -> list[tuple[str, bool, str]]:
    """For each public asset: (path, as it should be, what is wrong). As it should be: no session cookie,
    no Vary: Cookie, a fingerprinted name with a year's cache, or an ETag from its content."""
    results = []
    for path in paths:
        client = Client(port)
        reply = client.get(path)
        second = Client(port).get(path)  # a second server process answers alike: same ETag
        client.close()
        problems = []
        if reply.header("Set-Cookie"):
            problems.append("sets a cookie")
        if "cookie" in (reply.header("Vary") or "").lower():
            problems.append("Vary: Cookie")
        cache = reply.header("Cache-Control") or ""
        age = re.search(r"max-age=(\d+)", cache)
        if FINGERPRINTED.search(path):
            if not age or int(age.group(1)) < YEAR or "immutable" not in cache:
                problems.append(f"fingerprinted but Cache-Control is {cache!r}")
        elif not reply.header("ETag") or reply.header("ETag") != second.header("ETag"):
            problems.append("no fingerprint and no steady ETag")
        results.append((path, not problems, "; ".join(problems) or f"Cache-Control: {cache}"))
    return results


def main(argv: list[str] | None = None) -> int:
    """Measure the first visit of a portal already running on this machine (`make run` serves port 5000,
    `make up` port 8000): `.venv/bin/python -m benchmarks.weight --port 5000`."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    files, missing = first_visit(args.port)
    total = sum(size for _, size, _ in files)
    print(f"first visit to http://{HOST}:{args.port}/ as served: {total:,d} B (target <= 80,000 B)")
    for path, size, encoding in files:
        print(f"  {path:60}{size:9,d} B  {encoding}")
    for problem in missing:
        print(f"  referenced but not counted: {problem}")
    for path, good, note in asset_headers(args.port, [p for p, _, _ in files if p != "/"]):
        print(f"  {'ok  ' if good else 'FAIL'} {path}: {note}")
    return 0 if total <= 80_000 else 1


if __name__ == "__main__":
    raise SystemExit(main())
