"""A home for every role: where each person lands after logging in, and what their home shows them.

The homes are built from the sections each app offers in its menu.py (HOME for a tenant's home, PERSONAL for the
person's own national page), each shown by its permission; these tests read the pages as the person sees them."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from frivillig.crm.enums import InteractionKind
from frivillig.crm.models import CollaborationRelation, Interaction
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation
from frivillig.testing import (
    PASSWORD,
    TenantFactory,
    UserFactory,
    assert_rows_rendered,
    grant,
    make_opportunity,
    make_organisation,
    make_person,
    second_step,
)
from frivillig.volunteering.enums import ApplicationStatus, OpportunityStatus
from frivillig.volunteering.models import Application, VolunteerProfile

MY_HOME = reverse("my_home")
VOLUNTEER_LIFE = reverse("volunteer_life")
HOME = reverse("tenants:home", kwargs={"tenant_slug": "alfa"})
LOGIN = reverse("accounts:login")


def make_application(opportunity, **fields) -> Application:
    fields.setdefault("full_name", "Vera Frivillig")
    fields.setdefault("email", "vera@example.org")
    fields.setdefault("email_confirmed_at", timezone.now())
    with scopes_disabled():
        return Application.objects.create(tenant=opportunity.tenant, opportunity=opportunity, **fields)


def make_interaction(tenant, **fields) -> Interaction:
    fields.setdefault("kind", InteractionKind.ADVICE_SESSION)
    fields.setdefault("happened_on", date(2018, 5, 1))
    with scopes_disabled():
        return Interaction.objects.create(tenant=tenant, **fields)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


# --- where a person lands ---------------------------------------------------------------------------------------


def log_in(client, email: str, **query):
    url = LOGIN + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")
    return second_step(client, client.post(url, {"email": email, "password": PASSWORD}))


def test_citizen_lands_on_my_volunteer_life_after_login(client, personas):
    response = log_in(client, "citizen@example.org")

    assert response.status_code == 302
    assert response.url == MY_HOME
    landing = client.get(MY_HOME)
    assert landing.status_code == 302 and landing.url == VOLUNTEER_LIFE
    content = page(client, VOLUNTEER_LIFE)
    assert "<h1>Mit frivilligliv</h1>" in content


@pytest.mark.parametrize(
    "persona, email",
    [
        ("centre_staff", "centre_staff@alfa.example.org"),
        ("municipal_staff", "municipal_staff@alfa.example.org"),
        ("tenant_admin", "tenant_admin@alfa.example.org"),
        ("association_rep", "rep@alfa.example.org"),
    ],
)
def test_a_person_with_roles_in_one_tenant_lands_on_its_home(persona, email, client, personas):
    log_in(client, email)

    landing = client.get(MY_HOME)

    assert landing.status_code == 302
    assert landing.url == HOME


def test_next_still_wins_after_login(client, personas):
    board = reverse("national:board")

    response = log_in(client, "centre_staff@alfa.example.org", next=board)

    assert response.url == board


def test_logged_in_visitor_of_the_login_page_is_sent_to_their_home(client_for, personas):
    response = client_for("citizen").get(LOGIN)

    assert response.status_code == 302 and response.url == MY_HOME


def test_a_person_with_roles_in_two_tenants_chooses_between_them(client, personas):
    user = UserFactory(email="to.centre@example.org", full_name="Tove To Centre")
    grant(user, personas.tenant, Role.CENTRE_STAFF)
    grant(user, personas.other_tenant, Role.TENANT_ADMIN)
    client.force_login(user)

    content = page(client, MY_HOME)

    assert "<h1>Min side</h1>" in content
    alfa = content.index(f'href="{HOME}">Frivilligcenter Alfa</a>')
    charlie = content.index('href="/charlie/">Frivilligcenter Charlie</a>')
    assert alfa < charlie
    assert "Dine roller: Frivilligcentermedarbejder" in content[alfa:charlie]
    assert "Dine roller: Administrator" in content[charlie:]
    assert f'href="{VOLUNTEER_LIFE}"' in content


def test_my_page_asks_an_anonymous_visitor_to_log_in(client, personas):
    for url in (MY_HOME, VOLUNTEER_LIFE):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(LOGIN)


# --- the citizen: "Mit frivilligliv" ---------------------------------------------------------------------------


def test_citizen_without_anything_yet_is_told_what_to_do_next(client_for, personas):
    content = page(client_for("citizen"), VOLUNTEER_LIFE)

    assert "Du har ikke meldt dig til nogen frivilligjob endnu." in content
    assert f'href="{reverse("national:board")}"' in content
    assert "Udfyld din frivilligprofil, så foreslår vi frivilligjob" in content
    assert "Du har ikke udfyldt en frivilligprofil endnu." in content
    assert f'href="{reverse("national:volunteer_profile")}"' in content


def test_citizen_sees_own_applications_with_status_suggestions_and_profile(client_for, personas):
    citizen = personas.user("citizen")
    applied = make_opportunity(personas.organisation, title="Lektiehjælper i biblioteket")
    make_application(applied, user=citizen, status=ApplicationStatus.CONTACTED)
    with scopes_disabled():
        VolunteerProfile.objects.create(
            user=citizen, interests=["boern-og-unge"], on_weekdays=True, postcode="4180", open_to_suggestions=False
        )

    content = page(client_for("citizen"), VOLUNTEER_LIFE)

    applications = content[content.index("Mine tilmeldinger") :]
    assert "Lektiehjælper i biblioteket" in applications
    assert "Status: <strong>Kontaktet</strong>" in applications
    assert "Din frivilligprofil er udfyldt" in content
    assert "Forslag til dig" in content
    # Other people's applications never show.
    assert "Vera Frivillig" not in content


def test_citizen_profile_without_postcode_is_incomplete(client_for, personas):
    with scopes_disabled():
        VolunteerProfile.objects.create(user=personas.user("citizen"), interests=["boern-og-unge"], on_weekdays=True)

    content = page(client_for("citizen"), VOLUNTEER_LIFE)

    assert "Din frivilligprofil er ikke færdig" in content


def test_staff_reach_their_centres_from_my_volunteer_life(client_for, personas):
    content = page(client_for("centre_staff"), VOLUNTEER_LIFE)

    assert f'<a href="{HOME}">Frivilligcenter Alfa</a>' in content
    assert "/charlie/" not in content


# --- the association representative ------------------------------------------------------------------------------


def test_representative_home_shows_waiting_applications_drafts_and_the_public_profile(client_for, personas):
    published = make_opportunity(personas.organisation, title="Besøgsven på plejehjemmet")
    make_application(published, full_name="Niels Nyansøger")
    make_application(published, full_name="Kim Kontaktet", email="kim@example.org", status=ApplicationStatus.CONTACTED)
    make_opportunity(personas.organisation, title="Kladde til sommerlejr", status=OpportunityStatus.DRAFT)
    make_opportunity(
        personas.organisation,
        title="Julehjælper",
        expires_on=timezone.localdate() + timedelta(days=3),
    )
    neighbour = make_opportunity(personas.other_organisation, title="Naboens kladde", status=OpportunityStatus.DRAFT)
    make_application(neighbour, full_name="Naboens Ansøger", email="nabo@example.org")

    content = page(client_for("association_rep"), HOME)

    waiting = content[content.index("Nye ansøgninger venter") :]
    assert "1 frivillig venter på svar fra jeres forening." in waiting
    assert "Niels Nyansøger" in waiting
    assert "Kim Kontaktet" not in content
    look_at = content[content.index("Frivilligjob, I bør se på") :]
    assert "Kladde til sommerlejr" in look_at and "Kladde: ikke offentliggjort endnu" in look_at
    assert "Julehjælper" in look_at
    assert "Besøgsven på plejehjemmet" not in look_at[: look_at.index("</section>")]
    # Only the represented association's.
    assert "Naboens" not in content
    assert "Din forening" in content
    directory_page = reverse("crm:directory_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    assert f'href="{directory_page}"' in content
    # Not the staff's or the municipality's sections.
    assert "Kladder, der venter på hjælp" not in content
    assert "Foreningsregistret" not in content


def test_representative_home_with_nothing_waiting_says_so(client_for, personas):
    content = page(client_for("association_rep"), HOME)

    assert "Ingen nye ansøgninger venter på svar." in content
    assert "I har ingen kladder, og ingen af jeres frivilligjob lukker snart." in content


# --- the centre staff: "today" ------------------------------------------------------------------------------------


def test_centre_staff_home_shows_todays_work(client_for, personas):
    today = timezone.localdate()
    make_opportunity(personas.other_organisation, title="Glemt kladde", status=OpportunityStatus.DRAFT)
    make_opportunity(personas.organisation, title="Snart lukket", expires_on=today + timedelta(days=2))
    make_opportunity(personas.organisation, title="Længe åben", expires_on=today + timedelta(days=60))
    make_interaction(
        personas.tenant, summary="Ring til Lektiecaféen", follow_up_on=today - timedelta(days=1), staff=None
    )
    make_interaction(personas.tenant, summary="Senere opfølgning", follow_up_on=today + timedelta(days=5))
    make_organisation(personas.other_tenant, name="Charlies forening uden repræsentant")

    content = page(client_for("centre_staff"), HOME)

    drafts = content[content.index("Kladder, der venter på hjælp") :]
    assert "Glemt kladde" in drafts and "Alfa Lektiecafé" in drafts
    closing = content[content.index("Frivilligjob, der snart lukker") :]
    assert "Snart lukket" in closing
    assert "Længe åben" not in content
    unrepresented = content[content.index('id="home-staff-unrepresented"') :]
    assert "Alfa Lektiecafé" in unrepresented[: unrepresented.index("</section>")]
    # Alfa Besøgsvenner has a representative; Charlie's associations are not Alfa's business.
    assert "Alfa Besøgsvenner" not in unrepresented[: unrepresented.index("</section>")]
    assert "Charlies forening" not in content
    overdue = content[content.index("Opfølgninger, der er overskredet") :]
    assert "Ring til Lektiecaféen" in overdue and "Ingen ansvarlig" in overdue
    assert "Senere opfølgning" not in content
    # Not the representative's, the municipality's or the administrator's sections.
    assert "Nye ansøgninger venter" not in content
    assert "Foreningsregistret" not in content
    assert "Senest i handlingsloggen" not in content


def test_centre_staff_home_with_nothing_to_do_says_so(client_for, personas):
    with scopes_disabled():
        personas.other_organisation.archived_at = timezone.now()
        personas.other_organisation.save()

    content = page(client_for("centre_staff"), HOME)

    assert "Ingen foreninger har en kladde, der venter." in content
    assert "Ingen offentliggjorte frivilligjob lukker inden for 14 dage." in content
    assert "Alle foreninger har en repræsentant med login." in content
    assert "Ingen opfølgninger er overskredet." in content


# --- the municipal staff ---------------------------------------------------------------------------------------------


def test_municipal_staff_home_shows_needs_register_and_relations(client_for, personas):
    make_opportunity(personas.organisation, title="Besøgsven", volunteers_needed=3)
    make_opportunity(personas.other_organisation, title="Lektiehjælper", volunteers_needed=2)
    employee = make_person(personas.tenant, full_name="Karin Kommune", department="Socialforvaltningen")
    with scopes_disabled():
        CollaborationRelation.objects.create(
            tenant=personas.tenant, person=employee, topic="Besøgsvenner", started_on=date(2020, 1, 1)
        )

    client = client_for("municipal_staff")
    content = page(client, HOME)

    assert "2 frivilligjob er åbne lige nu og søger i alt 5 frivillige." in content
    assert "Centerets register rummer 2 foreninger." in content
    assert "Centeret har 1 aktiv samarbejdsrelation med kommunale medarbejdere." in content
    # Every link of the municipality's home opens for them.
    for name in ("volunteering:needs_details", "crm:organisation_list", "crm:relation_list"):
        url = reverse(name, kwargs={"tenant_slug": "alfa"})
        assert f'href="{url}' in content
        assert client.get(url).status_code == 200, name
    assert "Kladder, der venter på hjælp" not in content


def test_municipal_staff_read_the_register_without_edit_buttons(client_for, personas):
    client = client_for("municipal_staff")
    organisations = page(client, reverse("crm:organisation_list", kwargs={"tenant_slug": "alfa"}))
    detail = page(
        client, reverse("crm:organisation_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    )
    relations = page(client, reverse("crm:relation_list", kwargs={"tenant_slug": "alfa"}))

    assert "Alfa Besøgsvenner" in organisations
    assert reverse("crm:organisation_create", kwargs={"tenant_slug": "alfa"}) not in organisations
    assert reverse("crm:organisation_export", kwargs={"tenant_slug": "alfa", "fmt": "csv"}) not in organisations
    assert "/rediger/" not in detail and "/arkiver/" not in detail
    assert reverse("crm:relation_create", kwargs={"tenant_slug": "alfa"}) not in relations


# --- the tenant administrator -----------------------------------------------------------------------------------


def test_tenant_admin_home_shows_administration_with_what_is_waiting(client_for, personas):
    client = client_for("tenant_admin")
    with scopes_disabled():
        Invitation.objects.create(tenant=personas.tenant, email="ny.kollega@example.org", role=Role.CENTRE_STAFF)

    content = page(client, HOME)

    admin = content[content.index('id="home-admin"') :]
    for name in ("tenants:members", "tenants:audit_log", "crm:tag_list", "communication:accessibility_edit"):
        assert f'href="{reverse(name, kwargs={"tenant_slug": "alfa"})}"' in admin, name
    assert "4 personer har roller i frivilligcenteret." in admin
    assert "1 invitation er ikke taget imod endnu." in admin
    assert "Senest i handlingsloggen" in admin
    assert "Kladder, der venter på hjælp" not in content


def test_a_person_with_staff_and_admin_roles_sees_both_homes(client, personas):
    leader = UserFactory(email="leder@alfa.example.org", full_name="Lene Leder")
    grant(leader, personas.tenant, Role.CENTRE_STAFF, Role.TENANT_ADMIN)
    client.force_login(leader)

    assert client.get(MY_HOME).url == HOME
    content = page(client, HOME)

    assert "Dine roller: Frivilligcentermedarbejder, Administrator" in content
    assert content.index("Kladder, der venter på hjælp") < content.index('id="home-admin"')
    assert "Foreninger uden repræsentant" in content
    assert "Senest i handlingsloggen" in content


def test_the_public_sees_no_role_sections(client_for, personas):
    for persona in ("anonymous", "citizen", "other_staff"):
        content = page(client_for(persona), HOME)
        assert "I dag</h2>" not in content, persona
        for heading in ("Nye ansøgninger venter", "Kladder, der venter på hjælp", "Foreningsregistret", "home-admin"):
            assert heading not in content, (persona, heading)


# --- bounded queries: the same number whatever the size of the data ------------------------------------------


def _busy_tenant(size: int):
    tenant = TenantFactory(slug="maaling", name="Måling")
    today = timezone.localdate()
    for index in range(size):
        organisation = make_organisation(tenant, name=f"Forening {index}")
        opportunity = make_opportunity(organisation, title=f"Åbent job {index}", expires_on=today + timedelta(days=3))
        make_opportunity(organisation, title=f"Kladde {index}", status=OpportunityStatus.DRAFT)
        make_application(opportunity, full_name=f"Ansøger {index}")
        make_interaction(tenant, summary=f"Opfølgning {index}", follow_up_on=today - timedelta(days=2))
    return tenant


@pytest.mark.parametrize("size", [1, 3])
def test_centre_staff_home_query_count_is_constant(size, client, db, django_assert_num_queries):
    tenant = _busy_tenant(size)
    staff = UserFactory(email="staff@maaling.example.org")
    grant(staff, tenant, Role.CENTRE_STAFF, Role.TENANT_ADMIN, Role.MUNICIPAL_STAFF)
    client.force_login(staff)

    with django_assert_num_queries(20):
        response = client.get(reverse("tenants:home", kwargs={"tenant_slug": "maaling"}))

    assert_rows_rendered(response, [f"Kladde {index}" for index in range(size)])
    assert_rows_rendered(response, [f"Åbent job {index}" for index in range(size)])
    assert_rows_rendered(response, [f"Opfølgning {index}" for index in range(size)])


@pytest.mark.parametrize("size", [1, 3])
def test_representative_home_query_count_is_constant(size, client, db, django_assert_num_queries):
    tenant = _busy_tenant(size)
    rep = UserFactory(email="rep@maaling.example.org")
    with scopes_disabled():
        from frivillig.crm.models import Organisation

        organisations = list(Organisation.objects.filter(tenant=tenant))
    for organisation in organisations:
        grant(rep, tenant, Role.ASSOCIATION_REP, organisation=organisation)
    client.force_login(rep)

    with django_assert_num_queries(9):
        response = client.get(reverse("tenants:home", kwargs={"tenant_slug": "maaling"}))

    assert_rows_rendered(response, [f"Ansøger {index}" for index in range(size)])
    assert_rows_rendered(response, [f"Kladde {index}" for index in range(size)])


@pytest.mark.parametrize("size", [1, 3])
def test_volunteer_life_query_count_is_constant(size, client, db, django_assert_num_queries):
    tenant = _busy_tenant(0)
    citizen = UserFactory(email="borger@example.org")
    organisation = make_organisation(tenant, name="Forening")
    for index in range(size):
        opportunity = make_opportunity(organisation, title=f"Mit job {index}")
        make_application(opportunity, user=citizen, full_name="Borger", email="borger@example.org")
    with scopes_disabled():
        VolunteerProfile.objects.create(user=citizen, interests=["x"], on_weekdays=True, postcode="4180")
    client.force_login(citizen)

    with django_assert_num_queries(8):
        response = client.get(VOLUNTEER_LIFE)

    assert_rows_rendered(response, [f"Mit job {index}" for index in range(size)])


def test_representative_home_links_to_the_public_page_only_when_the_directory_shows_it(client_for, personas):
    """A represented business is public but not in the association directory: no link that would answer 404."""
    from frivillig.crm.enums import OrganisationKind

    public_page = reverse("crm:directory_detail", kwargs={"tenant_slug": "alfa", "pk": personas.organisation.pk})
    assert public_page in client_for("association_rep").get(HOME).content.decode()

    with scopes_disabled():
        personas.organisation.kind = OrganisationKind.BUSINESS
        personas.organisation.save(update_fields=["kind"])

    content = client_for("association_rep").get(HOME).content.decode()
    assert public_page not in content
    assert client_for("association_rep").get(public_page).status_code == 404
