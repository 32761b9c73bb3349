"""Evidence files (contract letters and the like): what we accept and where they live.

They are personal and commercial documents, so they are kept under
PRIVATE_STORAGE_ROOT, outside the public media folder, and their URL is the
access-checked download view (organizers and reviewers only), never a static path.
The type is decided by the file's first bytes, not by its name or the browser's claim.
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024
# Leading bytes -> (content type, extension).
SIGNATURES = (
    (b"%PDF-", ("application/pdf", ".pdf")),
    (b"\x89PNG\r\n\x1a\n", ("image/png", ".png")),
    (b"\xff\xd8\xff", ("image/jpeg", ".jpg")),
    (b"GIF87a", ("image/gif", ".gif")),
    (b"GIF89a", ("image/gif", ".gif")),
)


def sniff(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of a PDF or image from its first bytes, else None."""
    for magic, kind in SIGNATURES:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    return None


def file_kind(file) -> tuple[str, str] | None:
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    return sniff(head)


def validate_evidence_file(file) -> None:
    """At most 10 MB, and a PDF or an image by content."""
    if file.size is not None and file.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
    if file_kind(file) is None:
        raise ValidationError(_("Only a PDF or an image (PNG, JPEG, GIF, WebP) can be "
                                "uploaded; this file is neither."), code="bad_type")


class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_STORAGE_ROOT (read on each use, so tests may change it),
    reached only through the access-checked view."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_STORAGE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        return reverse("evidence_download", args=[name])


_storage = PrivateStorage()


def private_storage():
    """The storage of evidence files (a callable, so migrations record no path)."""
    return _storage
