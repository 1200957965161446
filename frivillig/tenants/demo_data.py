"""The demo's two real municipalities and the made-up people who work there."""

from frivillig.tenants.enums import Role

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
DEMO_SLUGS = [data["slug"] for data in DEMO_TENANTS]

# (e-mail prefix, role, made-up name per tenant slug); the address is <prefix>.<slug>@example.org.
DEMO_ROLES = [
    ("staff", Role.CENTRE_STAFF, {"soroe": "Mette Frivilligsen", "roedovre": "Jonas Centersen"}),
    ("kommune", Role.MUNICIPAL_STAFF, {"soroe": "Lars Kommunesen", "roedovre": "Sofie Forvaltning"}),
    ("admin", Role.TENANT_ADMIN, {"soroe": "Hanne Administrator", "roedovre": "Peter Opsætning"}),
]
# forening.<slug>@example.org represents the tenant's demo association "<town> Besøgsvenner"; the CRM demo makes
# the association and gives them the role for it.
REPRESENTATIVES = {"soroe": "Inge Foreningsen", "roedovre": "Kasper Formandsen"}
