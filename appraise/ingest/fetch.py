"""Fetching an article by PMID, PMCID, DOI or URL, through a cache.

- a PMID: the PubMed record (title, abstract, authors, journal) from NCBI E-utilities `efetch`,
  as XML; a PMCID: the full text from PubMed Central, as JATS XML;
- a DOI: its landing page, through https://doi.org/ (the publisher's page: HTML or a PDF);
- a URL: the page itself, e.g. a news story.

What is fetched is kept in the user cache folder (`APPRAISE_CACHE_DIR` overrides it), so a second
run, and a report resumed later, read the same bytes. Base URLs come from `APPRAISE_PUBMED_URL`
and `APPRAISE_DOI_URL` (tests point them at a local server); `APPRAISE_FETCH_TIMEOUT` (seconds,
default 20) and `APPRAISE_FETCH_RETRIES` (default 2) tune the patience. Every failure is one line.

Only the standard library's urllib is used: one GET at a time needs no more.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import http.client
import json
import os
import re
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from appraise import __version__
from appraise.atomic import atomic_write_bytes
from appraise.errors import InputError, Problem
from appraise.ingest.article import Article
from appraise.ingest.reference import Reference

PUBMED_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/efetch.fcgi"
DOI_URL = "https://doi.org/"
DEFAULT_TIMEOUT = 20.0
DEFAULT_RETRIES = 2
# Seconds before the first retry, doubled for each next one; a server's Retry-After wins, up to
# MAX_WAIT.
BACKOFF = 1.0
MAX_WAIT = 30.0
USER_AGENT = f"appraise/{__version__} (critical appraisal for journal clubs; Python urllib)"
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
_EXTENSIONS = {"pdf": ".pdf", "html": ".html", "xml": ".xml", "text": ".txt"}


@dataclass(slots=True)
class Fetched:
    data: bytes
    url: str  # what we asked for
    final_url: str  # where the redirects ended
    path: Path | None  # the cached copy, if the cache could be written
    from_cache: bool


def cache_dir() -> Path:
    override = os.environ.get("APPRAISE_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("appraise", appauthor=False)


def source_url(reference: Reference) -> str:
    """The URL that serves the article `reference` names."""
    if reference.kind in ("pmid", "pmcid"):
        base = os.environ.get("APPRAISE_PUBMED_URL") or PUBMED_URL
        params = {
            "db": "pubmed" if reference.kind == "pmid" else "pmc",
            "id": reference.value.removeprefix("PMC"),
            "retmode": "xml",
            "tool": "appraise",
        }
        api_key = os.environ.get("NCBI_API_KEY")
        if api_key:
            params["api_key"] = api_key
        return base + ("&" if "?" in base else "?") + urlencode(params)
    if reference.kind == "doi":
        base = os.environ.get("APPRAISE_DOI_URL") or DOI_URL
        return base.rstrip("/") + "/" + quote(reference.value, safe="/:;()[]<>@!$&'*+,=~")
    return reference.value


def fetch(reference: Reference, *, refresh: bool = False) -> Fetched:
    """The bytes `reference` names, from the cache unless `refresh`, else from the web."""
    url = source_url(reference)
    key = _cache_key(reference)
    folder = cache_dir() / "fetched"
    if not refresh:
        cached = _from_cache(folder, key)
        if cached is not None:
            return cached
    data, final_url = http_get(url, reference.text)
    path = _to_cache(folder, key, reference, url, final_url, data)
    return Fetched(data, url, final_url, path, from_cache=False)


def fetch_article(reference: Reference, *, refresh: bool = False) -> Article:
    """Fetch and read the article; a problem names the reference the user gave."""
    return read_fetched(reference, fetch(reference, refresh=refresh))


def read_fetched(reference: Reference, fetched: Fetched) -> Article:
    """The article in what was fetched; a cached copy that cannot be read is dropped."""
    from appraise.ingest import article_from_data

    try:
        article = article_from_data(fetched.data, str(fetched.path) if fetched.path else None)
    except InputError as exc:
        if fetched.path is not None:
            _forget(fetched.path)
        raise InputError(
            [
                Problem(_explain(reference, fetched, problem.message), reference.text)
                for problem in exc.problems
            ]
        ) from None
    article.metadata.setdefault("url", fetched.final_url)
    if fetched.path is None:
        article.warnings.append("the cache could not be written: the article was not kept")
    return article


def _explain(reference: Reference, fetched: Fetched, message: str) -> str:
    if reference.kind == "pmid" and "holds no article" in message:
        return f"PubMed has no record with PMID {reference.value}"
    if reference.kind == "pmcid" and "holds no article" in message:
        return f"PubMed Central has no article {reference.value} (or it is not open access)"
    return f"{message} (fetched from {fetched.final_url})"


# -- HTTP ---------------------------------------------------------------------------------------


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirect refused", headers, None)
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def _opener(url: str) -> urllib.request.OpenerDirector:
    host = (urlsplit(url).hostname or "").lower()
    handlers: list[urllib.request.BaseHandler] = [
        _Redirects(),
        urllib.request.HTTPCookieProcessor(CookieJar()),  # some publishers set one, then redirect
    ]
    if host in ("localhost", "127.0.0.1", "::1"):
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def _setting(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    try:
        value = float(raw)
    except ValueError:
        return default
    return value if value >= 0 else default


def http_get(url: str, where: str) -> tuple[bytes, str]:
    """GET `url`: `(body, final URL)`. Retries timeouts, dropped connections, 429 and 5xx."""
    from appraise.ingest import max_article_bytes

    timeout = _setting("APPRAISE_FETCH_TIMEOUT", DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT
    attempts = int(_setting("APPRAISE_FETCH_RETRIES", DEFAULT_RETRIES)) + 1
    limit = max_article_bytes()
    host = urlsplit(url).netloc or url
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
            "application/pdf;q=0.8,text/plain;q=0.7,*/*;q=0.5",
            "Accept-Language": "en",
        },
    )
    opener = _opener(url)
    failure = ""
    for attempt in range(attempts):
        wait = BACKOFF * 2**attempt
        try:
            with opener.open(request, timeout=timeout) as response:
                data: bytes = response.read(limit + 1)
                final_url: str = response.geturl()
            if len(data) > limit:
                raise InputError(
                    Problem(f"the download from {url} is over the limit of {limit:,} bytes", where)
                )
            return data, final_url
        except urllib.error.HTTPError as exc:
            status = f"HTTP {exc.code} {exc.reason}".rstrip()
            exc.close()
            if exc.code in _RETRY_STATUS:
                failure = status if (exc.url or url) == where else f"{status} from {exc.url or url}"
                wait = _retry_after(exc.headers, wait)
            elif 300 <= exc.code < 400:
                target = exc.url or ""
                if urlsplit(target).scheme.lower() not in ("http", "https"):
                    message = f"refused to follow a redirect to {target} (only http and https)"
                else:
                    message = f"HTTP {exc.code}: too many redirects, or a redirect loop"
                raise InputError(Problem(message, where)) from None
            else:
                message = _http_message(exc.code, status, exc.url or url, where)
                raise InputError(Problem(message, where)) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLError | ssl.CertificateError):
                raise InputError(
                    Problem(f"cannot connect to {host} securely: {_reason(reason)}", where)
                ) from None
            if isinstance(reason, TimeoutError | socket.timeout):
                failure = f"no answer from {host} within {timeout:g} s"
            elif isinstance(reason, socket.gaierror):
                raise InputError(
                    Problem(f"cannot find {host}: {_reason(reason)} (offline?)", where)
                ) from None
            else:
                failure = f"cannot connect to {host}: {_reason(reason)}"
        except TimeoutError:
            failure = f"no answer from {host} within {timeout:g} s"
        except (http.client.HTTPException, ConnectionError) as exc:
            failure = f"the connection to {host} broke: {_reason(exc)}"
        except OSError as exc:
            failure = f"cannot fetch from {host}: {_reason(exc)}"
        if attempt + 1 < attempts:
            time.sleep(wait)
    tries = f" (tried {attempts} times)" if attempts > 1 else ""
    raise InputError(Problem(failure + tries, where))


def _reason(reason: object) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[:1].lower() + reason.strerror[1:]
    text = str(reason) or type(reason).__name__
    return re.sub(r"^\[[^\]]*\]\s*", "", text)


def _retry_after(headers: object, default: float) -> float:
    value = getattr(headers, "get", lambda _key: None)("Retry-After")
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        when = email.utils.parsedate_to_datetime(value) if value else None
        if when is None:
            return default
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, min(seconds, MAX_WAIT))


def _http_message(code: int, status: str, url: str, where: str) -> str:
    # A URL the user gave need not be repeated after it.
    return _status_text(code, status, "" if url == where else f" from {url}")


def _status_text(code: int, status: str, url_part: str) -> str:
    if code == 404:
        return f"{status}{url_part}: no such page"
    if code in (401, 403):
        return (
            f"{status}{url_part}: the site refused the download (paywall or robot check?); "
            "save the page from your browser and open the file"
        )
    return f"{status}{url_part}"


# -- the cache ------------------------------------------------------------------------------------


def _cache_key(reference: Reference) -> str:
    value = reference.value
    if reference.kind == "pmid":
        return f"pubmed-{value}"
    if reference.kind == "pmcid":
        return f"pmc-{value}"
    if reference.kind == "doi":
        value = value.lower()
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", value)[:60].strip("_.")
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]
    return f"{reference.kind}-{readable}-{digest}"


def _from_cache(folder: Path, key: str) -> Fetched | None:
    try:
        record = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        path = folder / str(record["file"])
        data = path.read_bytes()
        return Fetched(data, str(record["url"]), str(record["final_url"]), path, from_cache=True)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _to_cache(
    folder: Path, key: str, reference: Reference, url: str, final_url: str, data: bytes
) -> Path | None:
    from appraise.ingest.detect import sniff

    try:
        kind = sniff(data, urlsplit(final_url).path)
    except InputError:
        kind = "text"
    path = folder / f"{key}{_EXTENSIONS[kind]}"
    record = {
        "reference": reference.text,
        "url": url,
        "final_url": final_url,
        "file": path.name,
        "fetched": datetime.now(UTC).isoformat(timespec="seconds"),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    try:
        atomic_write_bytes(path, data)
        atomic_write_bytes(folder / f"{key}.json", json.dumps(record, indent=2).encode("utf-8"))
    except OSError:
        return None
    return path


def _forget(path: Path) -> None:
    for stale in (path, path.with_suffix(".json")):
        with contextlib.suppress(OSError):
            stale.unlink()
