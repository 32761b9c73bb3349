"""Evidence files (contract letters and the like): what we accept and where they live.

They are personal and commercial documents, so they are kept under
PRIVATE_STORAGE_ROOT, outside the public media folder, and their URL is the
access-checked download view (organizers and reviewers only), never a static path.
The type is decided by the file's first bytes, not by its name or the browser's claim
(matchmaking/uploads.py).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from matchmaking import uploads


def file_kind(file) -> tuple[str, str] | None:
    """(content type, extension) of a PDF or image from its first bytes, else None."""
    kind = uploads.kind_of(file)
    return (kind.content_type, kind.extension) if kind else None


def validate_evidence_file(file) -> None:
    """A PDF or an image by content, named as what it is, within the size limits."""
    uploads.check_upload(file, kinds=uploads.DOCUMENTS)


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
