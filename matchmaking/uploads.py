"""Every uploaded file passes here: its kind by content, its name, its size, its request.

A file is what its first bytes say (PDF, PNG, JPEG, GIF, WebP), never what its name or
the browser claims; its extension must agree with that content; an image must decode
with Pillow as the same format (an SVG, an HTML page or a script renamed .png does not);
and each kind has a size limit (UPLOAD_DOCUMENT_MAX_MB, UPLOAD_IMAGE_MAX_MB), which a
door may lower. Each door (evidence, logo, hall plan, the import file) names the kinds it
takes. Bodies above MAX_REQUEST_MB are refused before they are read (413).
"""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from PIL import Image

MAX_PIXELS = 50_000_000  # beyond this an image is refused before it is decoded


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extensions: tuple[str, ...]  # the first is the one files are stored with
    pillow: str = ""  # Pillow's format name; empty for a document

    @property
    def extension(self) -> str:
        return self.extensions[0]


KINDS = {
    "pdf": Kind("PDF", "application/pdf", (".pdf",)),
    "png": Kind("PNG", "image/png", (".png",), "PNG"),
    "jpeg": Kind("JPEG", "image/jpeg", (".jpg", ".jpeg", ".jpe"), "JPEG"),
    "gif": Kind("GIF", "image/gif", (".gif",), "GIF"),
    "webp": Kind("WebP", "image/webp", (".webp",), "WEBP"),
}
IMAGES = ("png", "jpeg", "webp")
DOCUMENTS = ("pdf", "png", "jpeg", "gif", "webp")
SIGNATURES = (
    (b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"), (b"GIF89a", "gif"),
)


def sniff(head: bytes) -> Kind | None:
    """The kind of a file from its first bytes, else None."""
    for magic, name in SIGNATURES:
        if head.startswith(magic):
            return KINDS[name]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return KINDS["webp"]
    return None


def kind_of(file) -> Kind | None:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    return sniff(head)


def max_bytes(kind: Kind | None, door_mb: float | None = None) -> int:
    """A kind's limit (the larger one for an unknown kind), lowered by the door's own."""
    images, documents = settings.UPLOAD_IMAGE_MAX_MB, settings.UPLOAD_DOCUMENT_MAX_MB
    mb = max(images, documents) if kind is None else images if kind.pillow else documents
    if door_mb is not None:
        mb = min(mb, door_mb)
    return int(mb * 1024 * 1024)


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.2f}".rstrip("0").rstrip(".")


def _kinds_text(kinds) -> str:
    labels = [KINDS[name].label for name in kinds]
    if len(labels) == 1:
        return labels[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def check_upload(file, *, kinds=DOCUMENTS, door_mb: float | None = None) -> Kind:
    """The upload's kind; ValidationError (a sentence for the form or the API) when it is
    too large, of another kind, named as another kind, or an image Pillow cannot read."""
    kind = kind_of(file)
    limit = max_bytes(kind, door_mb)
    if file.size is not None and file.size > limit:
        raise ValidationError(_("The file is %(size)s MB; at most %(limit)s MB, please.") % {
            "size": _megabytes(file.size), "limit": _megabytes(limit)}, code="too_large")
    allowed = [KINDS[name] for name in kinds]
    if kind not in allowed:
        template = (_("This file is not a %(kinds)s image.") if all(k.pillow for k in allowed)
                    else _("This file is not a %(kinds)s file."))
        raise ValidationError(template % {"kinds": _kinds_text(kinds)}, code="bad_type")
    extension = PurePath(file.name or "").suffix.lower()
    if extension not in kind.extensions:
        raise ValidationError(
            _("The file is a %(kind)s but its name ends in “%(extension)s”; name it "
              "“…%(expected)s”.") % {"kind": kind.label, "extension": extension or "",
                                      "expected": kind.extension}, code="bad_extension")
    if kind.pillow:
        _check_image(file, kind)
    return kind


def _check_image(file, kind: Kind) -> None:
    position = file.tell()
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
            matches = image.format == kind.pillow and width * height <= MAX_PIXELS
            if matches:
                image.verify()
    except Exception:  # noqa: BLE001 (Pillow raises many kinds for a damaged file)
        matches = False
    finally:
        file.seek(position)
    if not matches:
        raise ValidationError(_("This file is damaged or not really a %(kind)s image.")
                              % {"kind": kind.label}, code="bad_image")


def validate_document(file) -> None:
    """Form and model validator: a PDF or an image."""
    check_upload(file, kinds=DOCUMENTS)


def validate_image(file) -> None:
    """Form and model validator: a PNG, JPEG or WebP image."""
    check_upload(file, kinds=IMAGES)


class RequestSizeMiddleware:
    """Refuses a request whose declared body exceeds MAX_REQUEST_MB with a 413 before
    anything reads it (the API's error shape under /api/, a page elsewhere)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_MB * 1024 * 1024
        if length <= limit:
            return self.get_response(request)
        message = _("The request is %(size)s MB; at most %(limit)s MB can be sent.") % {
            "size": _megabytes(length), "limit": _megabytes(limit)}
        if request.path.startswith("/api/"):
            from matchmaking.api.errors import body

            return JsonResponse(body("too_large", message), status=413)
        return render(request, "request_too_large.html", {"message": message}, status=413)
