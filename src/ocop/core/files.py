"""Files handed out and taken in, judged by their bytes and never by their names (docs/files.md).

Every download of a file someone uploaded or the platform wrote goes through `serve` — or `serve_public` for the
few anyone may fetch (the portal's photos, published covers, import templates):

- `serve` asks the rights table itself whether the person may view the record the file belongs to, and answers
  404 otherwise, as the record's own page does: a caller cannot forget the check;
- always `Content-Disposition: attachment`, with a safe name: no path separators, control characters or quotes,
  an ASCII fallback and the Vietnamese name in RFC 5987's `filename*`, ending as its content's kind does;
- the content type read from the bytes against the short list in `KINDS`; anything else — a web page, an SVG, a
  script — goes out as `application/octet-stream` (a download no browser opens, rather than a refusal, so a file
  stored before uploads were checked can still be fetched and looked at);
- `X-Content-Type-Options: nosniff`, so the browser keeps to that type.

Uploads go through `check_upload` (or `check_document` for evidence): bytes not of an accepted kind are refused,
and so is a name that ends as another kind does, so the stored name, kept and shown, never contradicts the content.

The list is short and every kind on it has a fixed signature, so it is checked here rather than with libmagic
(python-magic needs a Debian package beside pip): the formats built on ZIP need a look inside anyway — the
`[Content_Types].xml` part of Word and Excel files, the `mimetype` entry of OpenDocument ones, every member of a
ZIP of documents — which libmagic does only in part.
"""

import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ocop.core import rights
from ocop.core.text import fold
from ocop.core.types import RequestUser


@dataclass(frozen=True)
class Kind:
    label: str  # in messages: "PDF", "Word (.docx)"
    content_type: str
    extensions: tuple[str, ...]  # the first is given to a served name that ends otherwise


PDF = Kind("PDF", "application/pdf", (".pdf",))
JPEG = Kind("JPEG", "image/jpeg", (".jpg", ".jpeg"))
PNG = Kind("PNG", "image/png", (".png",))
WEBP = Kind("WebP", "image/webp", (".webp",))
DOCX = Kind("Word (.docx)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = Kind("Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
ODT = Kind("OpenDocument (.odt)", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = Kind("OpenDocument (.ods)", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
ZIP = Kind("ZIP", "application/zip", (".zip",))
CSV = Kind("CSV", "text/csv; charset=utf-8", (".csv",))
KINDS = (PDF, JPEG, PNG, WEBP, DOCX, XLSX, ODT, ODS, ZIP, CSV)
UNKNOWN = Kind("?", "application/octet-stream", (".bin",))

# Evidence of dossiers and of programme activities: documents, pictures, and ZIPs of those.
DOCUMENTS = (PDF, JPEG, PNG, WEBP, DOCX, XLSX, ODT, ODS, ZIP)
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_ACCEPT = ",".join(extension for kind in DOCUMENTS for extension in kind.extensions)  # the file picker's

HEAD = 8192  # every signature is in the first bytes; text is judged on these too
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_MEMBERS = 1000
MAX_UNZIPPED = 200 * 1024 * 1024  # declared sizes bound what zipfile reads: a bomb is refused before it unpacks
MAX_INNER = 50 * 1024 * 1024  # a document inside a ZIP is read whole to look inside it
MAX_PART = 64 * 1024  # [Content_Types].xml is a few kB
_SIGNATURES = ((b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG))
_OOXML = {  # the main part's type says Word or Excel; macro-enabled files have other types and are not on the list
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
}
_ODF = {b"application/vnd.oasis.opendocument.text": ODT, b"application/vnd.oasis.opendocument.spreadsheet": ODS}
# Bytes that do not occur in text (as `file` judges it): NUL…BEL, SO…SUB, FS…US and DEL. UTF-16 has NULs.
_BINARY = bytes([*range(0x00, 0x07), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_NAME_PUNCTUATION = set(" -_.,()[]+&")
# What zipfile raises on a damaged, encrypted or exotic archive (a damaged directory can make it seek before
# the start of the file: ValueError).
_UNREADABLE = (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error, OSError, ValueError)


# ------------------------------------------------------------------------------------------------ sniffing


def sniff(source: IO[bytes]) -> Kind | None:
    """The kind of a file from its bytes, None when it is not on the list. `source` is left at its start."""
    source.seek(0)
    head = source.read(HEAD)
    try:
        return _kind(head, source, inner=False)
    finally:
        source.seek(0)


def _kind(head: bytes, source: IO[bytes] | None, inner: bool) -> Kind | None:
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(ZIP_SIGNATURE):
        return _zip_kind(source, inner) if source is not None else None
    if not inner and _is_text(head):
        return CSV
    return None


def _is_text(head: bytes) -> bool:
    """Text with no bytes of binary files; markup (a web page, an SVG) is never taken for a table."""
    if not head or len(head.translate(None, _BINARY)) != len(head):
        return False
    return not head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def _zip_kind(source: IO[bytes], inner: bool) -> Kind | None:
    try:
        with zipfile.ZipFile(source) as archive:
            members = [item for item in archive.infolist() if not item.is_dir() and not _ignored(item.filename)]
            if not members or len(members) > MAX_MEMBERS or sum(item.file_size for item in members) > MAX_UNZIPPED:
                return None
            names = {item.filename for item in members}
            if "mimetype" in names:
                with archive.open("mimetype") as part:
                    return _ODF.get(part.read(100).strip())
            if "[Content_Types].xml" in names:
                with archive.open("[Content_Types].xml") as part:
                    types = part.read(MAX_PART)
                return next((kind for main, kind in _OOXML.items() if main in types), None)
            if inner:
                return None  # a ZIP inside a ZIP is not a document
            return ZIP if all(_member_is_document(archive, item) for item in members) else None
    except _UNREADABLE:
        return None  # damaged, encrypted, or packed in a way we cannot read: nothing we can vouch for


def _member_is_document(archive: zipfile.ZipFile, item: zipfile.ZipInfo) -> bool:
    """A member of a ZIP of documents: of a kind on the list, under a name that ends as that kind does (so
    unpacking and opening it does what its name says)."""
    with archive.open(item) as member:
        head = member.read(HEAD)
        whole = None
        if head.startswith(ZIP_SIGNATURE) and item.file_size <= MAX_INNER:
            whole = io.BytesIO(head + member.read())
    kind = _kind(head, whole, inner=True)
    return kind in DOCUMENTS and _ending(item.filename) in kind.extensions


def _ignored(name: str) -> bool:
    """What macOS adds to every ZIP it makes (resource forks, folder settings): not documents, not harmful."""
    return name.startswith("__MACOSX/") or name.rsplit("/", 1)[-1] == ".DS_Store"


def _ending(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return f".{extension.lower()}" if dot and stem else ""


# -------------------------------------------------------------------------------------------------- uploads


def check_upload(upload: IO[bytes], kinds: Collection[Kind], refusal: str) -> Kind:
    """The kind of an uploaded file, or ValidationError: `refusal` when its bytes are none of `kinds`; what it
    is when its name ends as another kind does."""
    kind = sniff(upload)
    if kind is None or kind not in kinds:
        raise ValidationError(refusal)
    name = getattr(upload, "name", "") or ""
    if _ending(name) not in kind.extensions:
        raise ValidationError(
            _(
                "The file's content is %(kind)s, but its name “%(name)s” says otherwise: rename it to end in "
                "%(endings)s and try again."
            )
            % {"kind": kind.label, "name": name, "endings": _(" or ").join(kind.extensions)}
        )
    return kind


def check_document(upload: Any) -> Any:
    """An evidence file (a dossier's, an activity's): a document or picture of at most 10 MB."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    refusal = _(
        "The file's content is not a PDF, a JPEG, PNG or WebP picture, a Word (.docx), Excel (.xlsx) or "
        "OpenDocument (.odt, .ods) document, nor a ZIP of those."
    )
    check_upload(upload, DOCUMENTS, refusal)
    return upload


# ------------------------------------------------------------------------------------------------ downloads


def serve(user: RequestUser, record: Model, content: bytes | FieldFile | IO[bytes], name: str) -> HttpResponseBase:
    """`content` (what we wrote, a stored file, an open file) as a download of `name`, for a person the rights
    table lets view `record`; 404 otherwise."""
    if not rights.may(user, "view", record):
        if not isinstance(content, bytes | FieldFile):
            content.close()
        raise Http404
    return serve_public(content, name)


def serve_public(content: bytes | FieldFile | IO[bytes], name: str) -> HttpResponseBase:
    """`content` as a download of `name`, to anyone: for files the caller has decided are public."""
    if isinstance(content, bytes):  # written for this request: in memory already, no need to stream
        kind = sniff(io.BytesIO(content)) or UNKNOWN
        response: HttpResponseBase = HttpResponse(content, content_type=kind.content_type)
    else:
        handle = _open(content)
        kind = sniff(handle) or UNKNOWN
        response = FileResponse(handle, as_attachment=True, content_type=kind.content_type)
    response["Content-Disposition"] = disposition(safe_name(name, kind))
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _open(content: FieldFile | IO[bytes]) -> IO[bytes]:
    if isinstance(content, FieldFile):
        try:
            return content.open("rb")
        except OSError:  # the record names a file missing from storage
            raise Http404 from None
    return content


def safe_name(name: str, kind: Kind) -> str:
    """`name` as a file name to save under: letters (Vietnamese kept), digits and a little punctuation; no path,
    control or quote characters, no "..", ending as `kind` does (a web page named "x.pdf" is saved as "x.pdf.bin")."""
    name = "".join(
        char if unicodedata.category(char)[0] in "LMN" or char in _NAME_PUNCTUATION else " "
        for char in unicodedata.normalize("NFC", name)
        if unicodedata.category(char)[0] != "C"  # control and format characters (a right-to-left override) go
    )
    name = re.sub(r"\.{2,}", ".", re.sub(r"\s+", " ", name)).strip(" .")[:120].strip(" .")
    if _ending(name) not in kind.extensions:
        name = f"{name or 'tep'}{kind.extensions[0]}"
    return name


def disposition(name: str) -> str:
    """`attachment` with an ASCII name for old clients and the real one in RFC 5987's `filename*`."""
    plain = fold(name).encode("ascii", "replace").decode().replace("?", "_") if not name.isascii() else name
    header = f'attachment; filename="{plain}"'
    return header if plain == name else f"{header}; filename*=UTF-8''{quote(name, safe='')}"


@require_safe
def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """MEDIA_ROOT's `products/` folder when the app serves media (`OCOP_SERVE_MEDIA`): product photos, re-encoded
    JPEGs under random names, public like the catalogue. The other folders (evidence) are never served here."""
    # Through the default storage (STORAGES), so that every node serves what any node stored. Rooted at
    # products/: "products/../evidence/…" is outside it (Django's static.serve let it through).
    name = posixpath.normpath(f"products/{path}")
    if not name.startswith("products/") or "\x00" in name:
        raise Http404
    try:
        handle = default_storage.open(name, "rb")
    except (OSError, SuspiciousFileOperation):
        raise Http404 from None
    return serve_public(handle, posixpath.basename(name))
