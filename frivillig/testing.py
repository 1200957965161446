"""Factories and personas shared by every test suite (imported by conftest.py)."""

from dataclasses import dataclass, field

import factory
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.accounts.models import User
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Membership, Tenant

PASSWORD = "et langt og godt kodeord"

# Every persona the permission matrix knows. "other_staff" works in the other tenant (Charlie) only.
PERSONAS = ("anonymous", "citizen", "centre_staff", "municipal_staff", "tenant_admin", "other_staff")


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kommune {n}")
    slug = factory.Sequence(lambda n: f"kommune-{n}")
    kommunekode = factory.Sequence(lambda n: f"{(n % 899) + 100:03d}")
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


def grant(user: User, tenant: Tenant, *roles: str) -> None:
    with scopes_disabled():
        for role in roles:
            Membership.objects.get_or_create(user=user, tenant=tenant, role=role)


@dataclass
class Personas:
    tenant: Tenant
    other_tenant: Tenant
    users: dict[str, User] = field(default_factory=dict)

    def user(self, name: str) -> User | None:
        return self.users.get(name)


def build_personas() -> Personas:
    tenant = TenantFactory(slug="alfa", name="Alfa", kommunekode="901")
    other = TenantFactory(slug="charlie", name="Charlie", kommunekode="902")
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
    other_staff = UserFactory(email="staff@charlie.example.org", full_name="Charlie Staff")
    # Every role there: whatever Charlie's staff could do at home, they must not reach Alfa.
    grant(other_staff, other, Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
    personas.users["other_staff"] = other_staff
    return personas
