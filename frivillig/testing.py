"""Factories and personas shared by every test suite (imported by conftest.py)."""

from dataclasses import dataclass, field

import factory
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.crm.enums import OrganisationKind
from frivillig.crm.models import Organisation, Person
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Membership, Tenant
from frivillig.tenants.services import tenant_create

PASSWORD = "et langt og godt kodeord"

# Every persona the permission matrix knows. "other_staff" works in the other tenant (Charlie) only.
PERSONAS = (
    "anonymous",
    "citizen",
    "centre_staff",
    "municipal_staff",
    "tenant_admin",
    "association_rep",
    "other_staff",
)


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    # 100-899: never the personas' own codes (901, 902), however many tenants one test process makes.
    kommunekode = factory.Sequence(lambda n: f"{(n % 800) + 100:03d}")
    municipality_name = factory.LazyAttribute(lambda o: f"{o.name} Kommune")
    centre_name = factory.LazyAttribute(lambda o: f"Frivilligcenter {o.name}")
    email = factory.LazyAttribute(lambda o: f"kontakt@{o.slug}.example.org")
    phone = "+45 12 34 56 78"
    address = "Torvet 1"
    postcode = "4180"
    town = factory.LazyAttribute(lambda o: o.name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person Nummer {n}")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    tenant = factory.SubFactory(TenantFactory)
    kind = OrganisationKind.ASSOCIATION
    name = factory.Sequence(lambda n: f"Forening nummer {n}")
    email = factory.Sequence(lambda n: f"forening{n}@example.org")
    postcode = "4180"
    town = "Sorø"
    is_public = True


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    tenant = factory.SubFactory(TenantFactory)
    full_name = factory.Sequence(lambda n: f"Kontakt Person {n}")
    email = factory.Sequence(lambda n: f"kontakt{n}@example.org")


def make_opportunity(organisation: Organisation, **fields):
    """A published opportunity of the organisation (pass status= for another state)."""
    from frivillig.volunteering.enums import OpportunityStatus
    from frivillig.volunteering.models import Opportunity

    fields.setdefault("title", "Besøgsven for en ældre borger")
    fields.setdefault("summary", "Drik kaffe og gå ture med en ældre, der sidder meget alene.")
    fields.setdefault("status", OpportunityStatus.PUBLISHED)
    if fields["status"] != OpportunityStatus.DRAFT:
        fields.setdefault("published_at", timezone.now())
    from frivillig.volunteering.search import refresh_search_fields

    with scopes_disabled():
        opportunity = Opportunity.objects.create(tenant=organisation.tenant, organisation=organisation, **fields)
        refresh_search_fields(opportunity)
    return opportunity


def grant(user: User, tenant: Tenant, *roles: str, organisation=None) -> None:
    """Give `user` the roles in `tenant`; an association representative's role is for `organisation` (crm's)."""
    from frivillig.crm.models import Representative

    with scopes_disabled():
        for role in roles:
            if role != Role.ASSOCIATION_REP:
                Membership.objects.get_or_create(user=user, tenant=tenant, role=role)
                continue
            assert organisation is not None, "An association representative represents an organisation."
            if not Representative.objects.filter(organisation=organisation, user=user).exists():
                membership = Membership.objects.create(user=user, tenant=tenant, role=role)
                Representative.objects.create(
                    tenant=tenant, membership=membership, organisation=organisation, user=user
                )


def make_organisation(tenant: Tenant, **fields) -> Organisation:
    with scopes_disabled():
        return OrganisationFactory(tenant=tenant, **fields)


def make_person(tenant: Tenant, **fields) -> Person:
    with scopes_disabled():
        return PersonFactory(tenant=tenant, **fields)


@dataclass
class Personas:
    tenant: Tenant
    other_tenant: Tenant
    users: dict[str, User] = field(default_factory=dict)
    # The association the "association_rep" persona represents, a neighbour association in the same
    # tenant, and one in the other tenant.
    organisation: Organisation | None = None
    other_organisation: Organisation | None = None
    foreign_organisation: Organisation | None = None

    def user(self, name: str) -> User | None:
        return self.users.get(name)


def build_personas() -> Personas:
    # Through the one service that makes tenants, so every app sets them up as for a real one (crm's words).
    tenant = tenant_create(tenant=TenantFactory.build(slug="alfa", name="Alfa", kommunekode="901"), actor=None)
    other = tenant_create(tenant=TenantFactory.build(slug="charlie", name="Charlie", kommunekode="902"), actor=None)
    personas = Personas(tenant=tenant, other_tenant=other)
    personas.users["citizen"] = UserFactory(email="citizen@example.org", full_name="Cecilie Borger")
    for name, role in [
        ("centre_staff", Role.CENTRE_STAFF),
        ("municipal_staff", Role.MUNICIPAL_STAFF),
        ("tenant_admin", Role.TENANT_ADMIN),
    ]:
        user = UserFactory(email=f"{name}@alfa.example.org", full_name=f"Alfa {name.replace('_', ' ').title()}")
        grant(user, tenant, role)
        personas.users[name] = user
    personas.organisation = make_organisation(tenant, name="Alfa Besøgsvenner", cvr="12345674")
    personas.other_organisation = make_organisation(tenant, name="Alfa Lektiecafé")
    personas.foreign_organisation = make_organisation(other, name="Charlie Idrætsforening")
    rep = UserFactory(email="rep@alfa.example.org", full_name="Alfa Association Rep")
    grant(rep, tenant, Role.ASSOCIATION_REP, organisation=personas.organisation)
    personas.users["association_rep"] = rep
    other_staff = UserFactory(email="staff@charlie.example.org", full_name="Charlie Staff")
    # Every role there: whatever Charlie's staff could do at home, they must not reach Alfa.
    grant(other_staff, other, Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
    personas.users["other_staff"] = other_staff
    return personas


# --- the permission matrix -------------------------------------------------------------------------------
# Each app lists its URLs in its `tests/matrix/` package, one module per area (or in one `tests/matrix.py`), as
# CASES (and optionally `objects(personas)` returning the primary keys its URLs need);
# tests/test_permission_matrix.py gathers them from every installed app.

LOGIN = "login"  # an expected redirect to the login page
ROLE_PERSONAS = {
    Role.CENTRE_STAFF: "centre_staff",
    Role.MUNICIPAL_STAFF: "municipal_staff",
    Role.TENANT_ADMIN: "tenant_admin",
    Role.ASSOCIATION_REP: "association_rep",
}


@dataclass
class Case:
    expected: dict[str, int | str]
    method: str = "get"
    kwargs: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)


def everyone(status: int, **options) -> Case:
    return Case(dict.fromkeys(PERSONAS, status), **options)


def logged_in(status: int = 200, **options) -> Case:
    expected = dict.fromkeys(PERSONAS, status)
    expected["anonymous"] = LOGIN
    return Case(expected, **options)


def anonymous_only(status: int = 200, logged_in_status: int = 302, **options) -> Case:
    expected = dict.fromkeys(PERSONAS, logged_in_status)
    expected["anonymous"] = status
    return Case(expected, **options)


def tenant_roles(*roles: str, status: int = 200, **options) -> Case:
    """A page inside tenant "alfa" for the given roles: others of Alfa get 403, Charlie's staff 404."""
    allowed = {ROLE_PERSONAS[role] for role in roles}
    expected: dict[str, int | str] = {"anonymous": LOGIN, "citizen": 403, "other_staff": 404}
    for persona in ROLE_PERSONAS.values():
        expected[persona] = status if persona in allowed else 403
    options.setdefault("kwargs", {})["tenant_slug"] = "alfa"
    return Case(expected, **options)


def public_tenant_page(status: int = 200, **options) -> Case:
    options.setdefault("kwargs", {})["tenant_slug"] = "alfa"
    return everyone(status, **options)


# --- a clock that stands still ---------------------------------------------------------------------------


class FrozenClock:
    """Stops the clock on a whole second and moves it only when told.

    `time.time()` (what signed links and the cache read) and `django.utils.timezone.now()` read the same instant,
    so a test can stand exactly on the last valid moment of a promised period, or one second past it. Signed links
    carry whole seconds, hence the whole-second start."""

    def __init__(self, monkeypatch):
        import time
        from datetime import UTC, datetime

        self.start = float(int(time.time()))
        self.offset = 0.0
        monkeypatch.setattr(time, "time", lambda: self.start + self.offset)
        monkeypatch.setattr(timezone, "now", lambda: datetime.fromtimestamp(self.start + self.offset, tz=UTC))

    def advance(self, *, days: int = 0, seconds: float = 0) -> None:
        self.offset += days * 86400 + seconds


# --- what a response shows ----------------------------------------------------------------------------------


def rendered_text(response) -> str:
    """What the person receives, as text: the page, every cell of an exported XLSX or CSV file, or a PDF's title
    and headings."""
    disposition = response.headers.get("Content-Disposition", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "attachment" in disposition and disposition.rstrip('"').endswith(".xlsx"):
        from io import BytesIO

        from openpyxl import load_workbook

        workbook = load_workbook(BytesIO(body), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    if "attachment" in disposition and disposition.rstrip('"').endswith(".pdf"):
        # Its compressed pages cannot be read as text here; its title and headings (the outline) can.
        from frivillig.core.tests.helpers import pdf_titles

        return "\n".join(pdf_titles(body))
    return body.decode("utf-8-sig")


def assert_rows_rendered(response, names) -> None:
    """Every query-count test of a list also proves the rows reached the person: a page that rendered nothing
    would pass the count alone. Each name must be on the page (as typed or HTML-escaped) or in the file."""
    from django.utils.html import escape

    names = list(names)
    assert names, "name the rows the list must show"
    assert response.status_code == 200, response.status_code
    text = rendered_text(response)
    missing = [name for name in names if name not in text and escape(name) not in text]
    assert missing == [], f"rows not rendered: {missing}"


def assert_records_counted(records, names, *, label=str) -> None:
    """The same rule for a counting function that is not a page: its query-count test also proves the records it
    returned are the ones made (a count that found nothing would pass the query count alone). `label` turns a
    record into the name to look for."""
    names = list(names)
    assert names, "name the records the count must return"
    found = [label(record) for record in records]
    missing = [name for name in names if name not in found]
    assert missing == [], f"records not counted: {missing} (counted: {found})"


# --- concurrency ----------------------------------------------------------------------------------------------


def run_in_parallel(count: int, work) -> list:
    """Call `work(number)` for number 0..count-1 in as many threads, released at one moment, and return what
    each call returned (in the order they finished). Each thread closes its own database connection."""
    import threading

    from django.db import connections

    start = threading.Barrier(count)
    results: list = []

    def run(number: int) -> None:
        try:
            start.wait()
            results.append(work(number))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# --- two-factor login ---------------------------------------------------------------------------------------
# A completed login means both factors, as a real one would: conftest.py's autouse fixture makes
# `Client.force_login` come out verified (`verify_session`) for a person who needs the second factor; a test marked
# `@pytest.mark.password_only` gets the password-only session instead.


def give_second_factor(user: User):
    """A confirmed authenticator device for `user` (the existing one if there is one), with no recovery codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device


def needs_verified_session(user: User) -> bool:
    """Whether a login of `user` needs the second factor now: a staff role anywhere, platform staff, or a device.
    Read straight from the database, so the user object keeps no cached roles."""
    from django.conf import settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from frivillig.tenants.enums import STAFF_ROLES

    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return True
    if not settings.REQUIRE_STAFF_2FA:
        return False
    if user.is_staff or user.is_superuser:
        return True
    with scopes_disabled():
        return Membership.objects.filter(user=user, role__in=STAFF_ROLES).exists()


def verify_session(client, user: User) -> None:
    """Mark the client's (logged-in) session as having given the second factor, as `django_otp.login` does: the
    session names the device's persistent id."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = give_second_factor(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def totp_code(device, *, after_last_used: bool = False) -> str:
    """The code an authenticator app shows now for `device` (RFC 6238, through django-otp). `after_last_used`: the
    code of the time step after the last one the device accepted, when that is later than now (a second login within
    30 seconds; the device accepts one step ahead)."""
    import time

    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if after_last_used and totp.t() <= device.last_t:
        totp.time = device.t0 + (device.last_t + 1) * device.step
    return f"{totp.token():0{device.digits}d}"


def second_step(client, response):
    """After the password step of a real login through the form: type the code, as the person would, when the
    response sends them on to it (a person who must have a second factor and has none is given one first, as if set
    up before); returns the code step's response, or `response` when there was no second step."""
    from django.urls import reverse

    setup, verify = reverse("accounts:two_factor_setup"), reverse("accounts:two_factor_verify")
    location = response.headers.get("Location", "")
    if not location.startswith((setup, verify)):
        return response
    device = give_second_factor(User.objects.get(pk=client.session["_auth_user_id"]))
    return client.post(
        verify + location[len(setup if location.startswith(setup) else verify) :],
        {"code": totp_code(device, after_last_used=True)},
    )


def measure_both_ways(item, **arguments):
    """An indicator's measurement with its records, after checking that asking for the number alone (what a plan's
    dashboard does, `records=False`) gives the same value and moments."""
    full = item.measure(**arguments)
    number_only = item.measure(records=False, **arguments)
    assert (number_only.value, number_only.moments) == (full.value, full.moments), item.key
    return full
