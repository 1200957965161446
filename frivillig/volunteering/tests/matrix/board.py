"""The board, its detail pages and its feeds are public: everybody, logged in or not, from any tenant."""

from frivillig.testing import everyone, make_opportunity, public_tenant_page

CASES = {
    "volunteering:board": public_tenant_page(),
    "volunteering:feed": public_tenant_page(),
    "volunteering:opportunity_detail": public_tenant_page(kwargs={"pk": "{board_opportunity}"}),
    "national:board": everyone(200),
    "national:feed": everyone(200),
}


def objects(personas) -> dict[str, int]:
    return {"board_opportunity": make_opportunity(personas.organisation, title="Offentligt opslag").pk}
