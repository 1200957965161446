"""Logos uploaded through the real pages never become active content: the server names, re-encodes and bounds them."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from frivillig.core.tests.helpers import english
from frivillig.crm.enums import OrganisationKind, Vocabulary
from frivillig.crm.models import Organisation, Tag

CREATE_URL = reverse("crm:organisation_create", kwargs={"tenant_slug": "alfa"})
HOSTILE_NAMES = ["logo.html", "logo.svg", "logo.xhtml", "logo.js"]
TOO_MANY_PIXELS = "The image has too many pixels for us to open."


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def staff(client_for):
    return english(client_for("centre_staff"))


@pytest.fixture
def rep(client_for):
    return english(client_for("association_rep"))


def polyglot(name: str) -> SimpleUploadedFile:
    """A valid PNG with a web page after its end, as a browser sniffing the content would run it."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(buffer, "PNG")
    content = buffer.getvalue() + b"<html><body><script>alert(document.domain)</script></body></html>"
    return SimpleUploadedFile(name, content, content_type="text/html")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def header_20000() -> SimpleUploadedFile:
    header = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 2, 0, 0, 0)
    content = (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 100))
        + _chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("stor.png", content, content_type="image/png")


def bomb() -> SimpleUploadedFile:
    """About 12 KB on disk, 100 million pixels when opened."""
    buffer = io.BytesIO()
    Image.new("1", (10_000, 10_000), 0).save(buffer, "PNG")
    assert len(buffer.getvalue()) < 100_000
    return SimpleUploadedFile("bombe.png", buffer.getvalue(), content_type="image/png")


def not_an_image() -> SimpleUploadedFile:
    return SimpleUploadedFile("logo.png", b"<svg><script>alert(1)</script></svg>", content_type="image/svg+xml")


def staff_data(**changes) -> dict:
    return {"name": "Sorø Seniorklub", "kind": OrganisationKind.ASSOCIATION, "town": "Sorø", **changes}


def profile_data(personas, **changes) -> dict:
    with scopes_disabled():
        target_group = Tag.objects.get(tenant=personas.tenant, vocabulary=Vocabulary.TARGET_GROUP, slug="aeldre")
    return {"purpose": "Vi besøger ensomme ældre.", "town": "Sorø", "target_groups": [target_group.pk], **changes}


def stored_logo(media, name: str) -> bytes:
    assert name.startswith("logos/") and name.endswith(".png"), name
    content = (media / name).read_bytes()
    image = Image.open(io.BytesIO(content))
    image.load()
    assert (image.format, image.size) == ("PNG", (16, 16))
    return content


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_staff_logo_polyglot_is_stored_as_a_re_encoded_png(staff, media, name):
    response = staff.post(CREATE_URL, {**staff_data(), "logo": polyglot(name)})

    assert response.status_code == 302
    with scopes_disabled():
        organisation = Organisation.objects.get(name="Sorø Seniorklub")
    assert b"<script" not in stored_logo(media, organisation.logo.name)
    assert [path.suffix for path in media.rglob("*.*")] == [".png"]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_selfservice_logo_polyglot_is_stored_as_a_re_encoded_png(rep, personas, media, name):
    edit = reverse("crm:selfservice_edit", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})

    response = rep.post(edit, profile_data(personas, logo=polyglot(name)))

    assert response.status_code == 302
    with scopes_disabled():
        organisation = Organisation.objects.get(pk=personas.organisation.pk)
    assert b"<script" not in stored_logo(media, organisation.logo.name)


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (bomb, TOO_MANY_PIXELS),
        (header_20000, TOO_MANY_PIXELS),
        (not_an_image, "The file is not an image we can use."),
    ],
    ids=["bomb", "20000x20000", "svg"],
)
def test_staff_bad_logo_is_a_form_error_keeping_the_typed_values(staff, media, make_upload, message):
    response = staff.post(CREATE_URL, {**staff_data(town="Pedersborg"), "logo": make_upload()})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["logo"]
    content = response.content.decode()
    assert message in content
    assert 'value="Sorø Seniorklub"' in content and 'value="Pedersborg"' in content
    with scopes_disabled():
        assert not Organisation.objects.filter(name="Sorø Seniorklub").exists()
    assert list(media.rglob("*")) == []


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (bomb, TOO_MANY_PIXELS),
        (header_20000, TOO_MANY_PIXELS),
        (not_an_image, "The file is not an image we can use."),
    ],
    ids=["bomb", "20000x20000", "svg"],
)
def test_selfservice_bad_logo_is_a_form_error_keeping_the_typed_values(rep, personas, media, make_upload, message):
    edit = reverse("crm:selfservice_edit", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})

    response = rep.post(edit, profile_data(personas, purpose="Nyt formål", logo=make_upload()))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["logo"]
    content = response.content.decode()
    assert message in content
    assert "Nyt formål" in content
    with scopes_disabled():
        organisation = Organisation.objects.get(pk=personas.organisation.pk)
    assert (organisation.logo.name, organisation.purpose) == ("", "")
    assert list(media.rglob("*")) == []


def test_logo_path_never_keeps_an_extension_a_browser_would_run():
    from frivillig.crm.models import logo_path

    assert logo_path(None, "x.html").startswith("logos/") and "." not in logo_path(None, "x.html")
    assert logo_path(None, "x.svg").count(".") == 0
    assert logo_path(None, "x.PNG").endswith(".png")


def test_model_check_refuses_a_picture_named_as_something_else(personas, media):
    from django.core.exceptions import ValidationError

    with scopes_disabled():
        organisation = Organisation.objects.get(pk=personas.organisation.pk)
    organisation.logo = polyglot("logo.html")

    with pytest.raises(ValidationError) as caught:
        organisation.clean_fields()

    assert "logo" in caught.value.message_dict


def test_too_many_pixels_reads_naturally_in_danish(client_for, media):
    staff = client_for("centre_staff")
    staff.cookies["frivillig_language"] = "da"

    response = staff.post(CREATE_URL, {**staff_data(), "logo": header_20000()})

    assert "Billedet har for mange pixels" in response.content.decode()
    assert "højst 2.000 × 2.000 pixels" in response.content.decode()
