"""Demo data: two real municipalities with made-up people. Every app adds its own part here."""

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.crm.demo import load_crm_demo
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Membership, Tenant
from frivillig.volunteering.demo import load_volunteering_demo

DEMO_PASSWORD = "frivillig-demo"

DEMO_TENANTS = [
    {
        "slug": "soroe",
        "name": "Sorø",
        "kommunekode": "340",
        "municipality_name": "Sorø Kommune",
        "centre_name": "Frivilligcenter Sorø",
        "email": "kontakt.soroe@example.org",
        "phone": "+45 57 00 00 00",
        "address": "Storgade 1",
        "postcode": "4180",
        "town": "Sorø",
        "website": "https://soroe.example.org",
    },
    {
        "slug": "roedovre",
        "name": "Rødovre",
        "kommunekode": "175",
        "municipality_name": "Rødovre Kommune",
        "centre_name": "Rødovre Frivilligcenter",
        "email": "kontakt.roedovre@example.org",
        "phone": "+45 36 00 00 00",
        "address": "Rødovre Parkvej 1",
        "postcode": "2610",
        "town": "Rødovre",
        "website": "https://roedovre.example.org",
    },
]

# (e-mail prefix, role, made-up name per tenant slug)
DEMO_ROLES = [
    ("staff", Role.CENTRE_STAFF, {"soroe": "Mette Frivilligsen", "roedovre": "Jonas Centersen"}),
    ("kommune", Role.MUNICIPAL_STAFF, {"soroe": "Lars Kommunesen", "roedovre": "Sofie Forvaltning"}),
    ("admin", Role.TENANT_ADMIN, {"soroe": "Hanne Administrator", "roedovre": "Peter Opsætning"}),
]
CITIZEN = ("borger@example.org", "Birgit Borger")
# forening.<slug>@example.org represents the tenant's demo association "<town> Besøgsvenner".
REPRESENTATIVES = {"soroe": "Inge Foreningsen", "roedovre": "Kasper Formandsen"}


def _user(email: str, full_name: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=full_name, email_verified_at=timezone.now()
        )
    return user


DEMO_SLUGS = [data["slug"] for data in DEMO_TENANTS]


@transaction.atomic
def load_demo() -> None:
    """Create what is missing; what exists is left as it is."""
    with scopes_disabled():
        for data in DEMO_TENANTS:
            tenant, _ = Tenant.objects.get_or_create(slug=data["slug"], defaults=data)
            staff = {}
            for prefix, role, names in DEMO_ROLES:
                email = f"{prefix}.{tenant.slug}@example.org"
                user = _user(email, names[tenant.slug])
                Membership.objects.get_or_create(tenant=tenant, user=user, role=role)
                staff[role] = user
            representative = _user(f"forening.{tenant.slug}@example.org", REPRESENTATIVES[tenant.slug])
            association = load_crm_demo(tenant=tenant, staff=staff[Role.CENTRE_STAFF], representative=representative)
            Membership.objects.get_or_create(
                tenant=tenant, user=representative, role=Role.ASSOCIATION_REP, organisation=association
            )
            load_volunteering_demo(tenant=tenant)
        _user(*CITIZEN)


def demo_logins() -> list[tuple[str, str]]:
    """The demo accounts that exist in this database, with what each may do, as (e-mail, description)."""
    with scopes_disabled():
        memberships = (
            Membership.objects.filter(user__email__endswith="@example.org", tenant__slug__in=DEMO_SLUGS)
            .select_related("user", "tenant", "organisation")
            .order_by("tenant__name", "role", "user__email")
        )
        logins = [
            (
                membership.user.email,
                f"{membership.get_role_display()} – {membership.organisation or membership.tenant.centre_name}",
            )
            for membership in memberships
        ]
    if User.objects.filter(email=CITIZEN[0]).exists():
        logins.append((CITIZEN[0], "Borger / citizen"))
    return logins
