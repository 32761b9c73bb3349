"""A company's logo: checked by its content (not its name or declared type, see
matchmaking/uploads.py), limited in size, and re-encoded with Pillow so that what we serve
is a clean PNG we wrote."""

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from events.errors import DomainError
from matchmaking import uploads

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 6000 * 6000  # a decompression bomb is refused before it is decoded
SIDE = 400  # stored at most this wide and high
FORMATS = {"PNG", "JPEG", "WEBP"}


def _refuse(message: str):
    raise DomainError(message, code="bad_logo", fields={"logo": [message]})


def reencode_logo(upload) -> ContentFile:
    """A PNG of at most SIDE × SIDE pixels from an uploaded PNG, JPEG or WebP."""
    try:
        uploads.check_upload(upload, kinds=uploads.IMAGES, door_mb=MAX_BYTES / 1024 / 1024)
    except ValidationError as error:
        _refuse(error.messages[0])
    upload.seek(0)
    try:
        with Image.open(upload) as probe:
            kind, (width, height) = probe.format, probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        _refuse(_("This file is not a PNG, JPEG or WebP image."))
    if kind not in FORMATS:
        _refuse(_("This file is not a PNG, JPEG or WebP image."))
    if width * height > MAX_PIXELS:
        _refuse(_("The logo is too large in pixels; at most 6000 × 6000."))
    upload.seek(0)
    with Image.open(upload) as image:
        image.thumbnail((SIDE, SIDE))
        out = io.BytesIO()
        image.convert("RGBA").save(out, format="PNG", optimize=True)
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(8)}.png")
