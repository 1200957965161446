"""Uploaded pictures, made safe once for every use: logos today, event images and evidence photos later.

An uploaded file is never stored as it came. The picture is decoded with Pillow (only the formats the kind
allows), turned the way its EXIF orientation says, scaled down when it is larger than the kind's longest side,
and encoded again. The new file holds nothing but pixels: metadata, colour profiles, and anything appended to
or hidden in the original (an HTML page after a PNG's end, a script in a comment) are gone. The stored name is
chosen here, a random hex string with the extension of the format the picture really is, so neither the
uploader's name nor their extension ever reaches the disk or the address.

Sizes are decided in two steps:
- a picture whose header declares more than the kind's `max_pixels` is refused before any pixel is decoded
  (a decompression bomb: a small file that would take gigabytes to open), with a form error, never a 500;
- a picture within that limit but longer than `max_side` on a side is scaled down to fit, so a photo straight
  from a phone (4032 by 3024) is accepted.

Use `ImageUploadField(kind=...)` in a form; `prepare_image` is the same step for code outside forms.
"""

import io
import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# Pillow's format names, and the extension a stored file of that format gets.
IMAGE_SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
FORMAT_LABELS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


@dataclass(frozen=True)
class ImageKind:
    """What one use of uploaded pictures accepts."""

    name: str
    formats: tuple[str, ...] = ("JPEG", "PNG", "WEBP")
    max_bytes: int = 2 * 1024 * 1024
    # Longer sides are scaled down to this.
    max_side: int = 4000
    # Declared width times height beyond this is refused unread (decoding it could exhaust the server's memory).
    max_pixels: int = 25_000_000

    @property
    def accept(self) -> str:
        """For the file input's `accept` attribute."""
        return ",".join(CONTENT_TYPES[name] for name in self.formats)

    @property
    def suffixes(self) -> set[str]:
        return {IMAGE_SUFFIXES[name] for name in self.formats} | ({".jpeg"} if "JPEG" in self.formats else set())


# An organisation's logo, shown small on its pages and in the directory.
LOGO = ImageKind(name="logo", max_side=2000)
# The most any kind allows: what the model-level check of a stored picture holds it to.
ANY_IMAGE = ImageKind(name="image", max_bytes=10 * 1024 * 1024)


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _too_large(kind: ImageKind) -> ValidationError:
    return ValidationError(
        _("The image is too large. It may be at most %(megabytes)s MB."),
        code="image_too_large",
        params={"megabytes": _megabytes(kind.max_bytes)},
    )


def _not_an_image(kind: ImageKind) -> ValidationError:
    if set(kind.formats) == set(IMAGE_SUFFIXES):
        return ValidationError(
            _("The file is not an image we can use. Upload a JPEG, PNG or WebP picture."), code="image_invalid"
        )
    return ValidationError(
        _("The file is not an image we can use. Upload a picture in one of these formats: %(formats)s."),
        code="image_invalid",
        params={"formats": ", ".join(FORMAT_LABELS[name] for name in kind.formats)},
    )


def _too_many_pixels(kind: ImageKind) -> ValidationError:
    return ValidationError(
        _(
            "The image has too many pixels for us to open. Save it in a smaller size, at most %(side)s × %(side)s "
            "pixels, and upload it again."
        ),
        code="image_too_many_pixels",
        params={"side": number_format(kind.max_side, force_grouping=True)},
    )


def _open(upload, kind: ImageKind):
    """The decoded picture (its first frame), or a ValidationError; never anything else."""
    from PIL import Image

    size = getattr(upload, "size", None)
    if size is not None and size > kind.max_bytes:
        raise _too_large(kind)
    if hasattr(upload, "seek"):
        upload.seek(0)
    try:
        # Only the allowed decoders are tried: no exotic formats (and their helper programs) for crafted input.
        image = Image.open(upload, formats=list(kind.formats))
        width, height = image.size
        if width < 1 or height < 1:
            raise _not_an_image(kind)
        if width * height > kind.max_pixels:
            raise _too_many_pixels(kind)
        image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own limit (the warning becomes an exception when warnings are errors, as in the tests).
        raise _too_many_pixels(kind) from None
    except Exception:
        # Crafted files make Pillow's decoders raise many kinds of errors (OSError, SyntaxError, ValueError,
        # struct.error, EOFError, ...); each means the same thing here.
        raise _not_an_image(kind) from None
    if image.format not in kind.formats:
        raise _not_an_image(kind)
    return image


def check_image(upload, kind: ImageKind = ANY_IMAGE) -> str:
    """Decode without keeping anything; returns Pillow's format name or raises a ValidationError."""
    # Not closed: Pillow would close the caller's file with it, and the caller may still save that file.
    image_format = _open(upload, kind).format
    if hasattr(upload, "seek"):
        upload.seek(0)
    return image_format


def prepare_image(upload, kind: ImageKind) -> ContentFile:
    """The picture re-encoded as a new file under a server-chosen name, or a ValidationError."""
    from PIL import Image, ImageOps

    original = _open(upload, kind)
    source_format = original.format
    image = original
    try:
        try:
            # The orientation is applied to the pixels, since the EXIF data that carried it is dropped.
            image = ImageOps.exif_transpose(original)
        except Exception:
            # A broken orientation tag is no reason to refuse the picture.
            image = original
        has_alpha = image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info)
        if source_format == "JPEG":
            mode = "L" if image.mode in {"1", "L"} else "RGB"
        else:
            mode = "RGBA" if has_alpha else ("L" if image.mode in {"1", "L"} else "RGB")
        clean = image.convert(mode)
        clean.info = {}
        if max(clean.size) > kind.max_side:
            clean.thumbnail((kind.max_side, kind.max_side), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        options = {
            "JPEG": {"quality": 85, "optimize": True},
            "PNG": {"optimize": clean.width * clean.height <= 1_000_000},
            "WEBP": {"quality": 85},
        }[source_format]
        clean.save(buffer, format=source_format, **options)
    except Exception:
        raise _not_an_image(kind) from None
    finally:
        image.close()
        original.close()
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}{IMAGE_SUFFIXES[source_format]}")


def safe_image_suffix(filename: str, kind: ImageKind = ANY_IMAGE) -> str:
    """The file name's extension if it is one of a picture format the kind allows, else none at all.

    For `upload_to` functions: even a file that bypassed `prepare_image` never gets an extension a browser
    would read as a web page or a script."""
    suffix = PurePath(filename or "").suffix.lower()
    return suffix if suffix in kind.suffixes else ""


def validate_image_name(upload, kind: ImageKind = ANY_IMAGE) -> None:
    """A picture whose name's extension is not its real format is refused (model-level defence in depth)."""
    name = getattr(upload, "name", "") or ""
    image_format = check_image(upload, kind)
    suffix = PurePath(name).suffix.lower()
    expected = {IMAGE_SUFFIXES[image_format]} | ({".jpeg"} if image_format == "JPEG" else set())
    if suffix not in expected:
        raise _not_an_image(kind)


class ImageUploadField(forms.FileField):
    """A file input whose cleaned value is the re-encoded picture (a ContentFile), never the upload itself."""

    def __init__(self, *, kind: ImageKind, **kwargs):
        self.kind = kind
        kwargs.setdefault("widget", forms.ClearableFileInput)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", kind.accept)

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        return prepare_image(upload, self.kind)


# What the proxy's /media/ block sends with every uploaded file (README, "Running in production"); the
# development server sends the same, so that what works there works behind the proxy.
MEDIA_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'none'; sandbox"


def serve_media_for_development(request, path: str):
    """DEBUG only: uploaded files as the production proxy serves them: pictures as pictures, anything else as
    a download, and nothing ever run."""
    from django.conf import settings
    from django.views.static import serve

    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if PurePath(path).suffix.lower() not in ANY_IMAGE.suffixes:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CONTENT_SECURITY_POLICY
    return response
