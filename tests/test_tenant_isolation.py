"""No tenant ever sees another tenant's data: whole pages, single objects, and lists."""

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from django_scopes.exceptions import ScopeError

from frivillig.core.access_log import log_access
from frivillig.core.permissions import PUBLIC
from frivillig.core.services import log_action
from frivillig.tenants.enums import Role
from frivillig.tenants.models import Invitation, Membership
from frivillig.testing import UserFactory, grant, rendered_text
from tests.test_permission_matrix import MATRIX, _fill, matrix_objects, project_patterns


def tenant_staff_pages():
    for name, pattern in project_patterns():
        if pattern.callback.view_permission != PUBLIC and "tenant_slug" in MATRIX[name].kwargs:
            yield name


@pytest.mark.parametrize("name", sorted(tenant_staff_pages()))
def test_staff_of_another_tenant_gets_404_on_every_staff_page(name, personas, client_for):
    case = MATRIX[name]
    url = reverse(name, kwargs=_fill(case.kwargs, matrix_objects(personas)))
    response = getattr(client_for("other_staff"), case.method)(url, case.data)
    assert response.status_code == 404
    assert "Alfa Centre Staff" not in response.content.decode()


def test_another_tenants_object_answers_404_under_ones_own_tenant(personas, client_for):
    with scopes_disabled():
        foreign = Membership.objects.filter(tenant=personas.other_tenant).first()
        foreign_invitation = Invitation.objects.create(
            tenant=personas.other_tenant, email="y@example.org", role=Role.CENTRE_STAFF
        )
    admin = client_for("tenant_admin")
    assert admin.get(reverse("tenants:member_revoke", args=["alfa", foreign.pk])).status_code == 404
    response = admin.post(reverse("tenants:member_change_role", args=["alfa", foreign.pk]), {"roles": ["centre_staff"]})
    assert response.status_code == 404
    assert admin.post(reverse("tenants:invitation_cancel", args=["alfa", foreign_invitation.pk])).status_code == 404
    with scopes_disabled():
        foreign_invitation.refresh_from_db()
        assert foreign_invitation.cancelled_at is None
        assert Membership.objects.filter(pk=foreign.pk, role=foreign.role).exists()


def test_lists_show_only_the_tenants_own_rows(personas, client_for):
    charlie_person = UserFactory(full_name="Kun I Charlie", email="kun@charlie.example.org")
    grant(charlie_person, personas.other_tenant, Role.CENTRE_STAFF)
    log_action("tenants.test.charlie_only", actor=charlie_person, tenant=personas.other_tenant)
    log_action("tenants.test.alfa_only", actor=personas.user("tenant_admin"), tenant=personas.tenant)
    admin = client_for("tenant_admin")
    members = admin.get(reverse("tenants:members", args=["alfa"])).content.decode()
    assert "Kun I Charlie" not in members and "Charlie Staff" not in members
    assert "Alfa Centre Staff" in members
    log_page = admin.get(reverse("tenants:audit_log", args=["alfa"])).content.decode()
    assert "tenants.test.alfa_only" in log_page
    assert "tenants.test.charlie_only" not in log_page
    assert "kun@charlie.example.org" not in log_page


def test_tenant_owned_queries_fail_without_a_scope(personas):
    with pytest.raises(ScopeError):
        list(Membership.objects.all())
    with scope(tenant=personas.tenant):
        assert {m.tenant_id for m in Membership.objects.all()} == {personas.tenant.pk}


def test_scopes_are_enforced_in_the_suite():
    assert getattr(settings, "SCOPES_DISABLED", False) is False


def test_every_model_with_a_tenant_has_only_scoped_managers():
    unscoped = []
    for model in apps.get_models():
        field_names = {f.name for f in model._meta.get_fields()}
        if "tenant" not in field_names:
            continue
        for manager in model._meta.managers:
            if not hasattr(manager, "with_scopes_disabled"):
                unscoped.append(f"{model._meta.label}.{manager.name}")
    assert unscoped == []


def test_every_national_first_path_segment_is_reserved_from_tenant_slugs():
    """A tenant whose slug equals a national path would lose pages to it."""
    from django.core.exceptions import ValidationError
    from django.urls import URLResolver, get_resolver

    from frivillig.tenants.models import validate_slug_not_reserved

    segments = set()
    for entry in get_resolver().url_patterns:
        first = str(entry.pattern).lstrip("^").split("/", 1)[0]
        if isinstance(entry, URLResolver) and first == "":
            # An include at the root (the national volunteering pages): look one level down.
            firsts = {str(inner.pattern).lstrip("^").split("/", 1)[0] for inner in entry.url_patterns}
        else:
            firsts = {first}
        segments |= {segment for segment in firsts if segment and "<" not in segment}
    # The national pages of today, so that the walk above cannot come back empty unnoticed.
    assert {"admin", "konto", "invitation", "sprog", "frivilligjob", "min-side"} <= segments
    accepted = []
    for segment in sorted(segments | {"static", "media", "KONTO"}):
        try:
            validate_slug_not_reserved(segment)
        except ValidationError:
            continue
        accepted.append(segment)
    assert accepted == []
    validate_slug_not_reserved("soroe")  # a municipality's name is no path of the site


# --- lists and exports never show another tenant's rows ---------------------------------------------------
#
# Records of every kind are planted in Charlie with a marker in their text, and twins in Alfa with another.
# Every page of the project that answers GET (and every export, in each format) is then opened by each persona
# of Alfa allowed to open it: Charlie's markers never appear. The pages known to list records must also show
# Alfa's twins (a list that renders nothing proves nothing), and a page that paginates or sends a file but is not
# in LIST_PAGES fails, so a new list is classified the day it is written.

PRIVATE = "Qzhemmelig"  # Charlie's records that nobody outside Charlie may see, on any page
PUBLISHED = "Qzoffentlig"  # Charlie's published records: shown on the national pages by design, never in Alfa's
OURS = "Qzvores"  # Alfa's twins of the same records
EXPORT_FORMATS = ("xlsx", "csv")


def plant_records(tenant, *, private: str, public: str, host=None) -> None:
    """One recognisable record of every tenant-owned kind the lists show. `host` is the organisation that
    publishes the opportunity (a new public one when not given)."""
    from datetime import date, timedelta

    from django.utils import timezone

    from frivillig.crm.enums import InteractionKind, OrganisationRoleKind, Vocabulary
    from frivillig.crm.models import CollaborationRelation, Interaction, OrganisationRole, Tag
    from frivillig.surveys.models import Survey
    from frivillig.testing import make_opportunity, make_organisation, make_person
    from frivillig.volunteering.enums import OpportunityStatus
    from frivillig.volunteering.models import Application
    from frivillig.volunteering.search import refresh_search_fields

    slug = private.lower()
    staff = UserFactory(full_name=f"{private} Medarbejder", email=f"{slug}.medarbejder@{tenant.slug}.example.org")
    grant(staff, tenant, Role.CENTRE_STAFF)
    with scopes_disabled():
        private_tag = Tag.objects.create(
            tenant=tenant,
            vocabulary=Vocabulary.SKILL,
            slug=f"{slug}-ord",
            label_da=f"{private} ord",
            label_en=f"{private} word",
        )
        public_tag = Tag.objects.create(
            tenant=tenant,
            vocabulary=Vocabulary.TARGET_GROUP,
            slug=f"{public.lower()}-maalgruppe",
            label_da=f"{public} målgruppe",
            label_en=f"{public} target group",
        )
        organisation = make_organisation(
            tenant, name=f"{private} Forening", email=f"{slug}.forening@example.org", is_public=False
        )
        organisation.activity_areas.add(private_tag)
        directory_entry = make_organisation(tenant, name=f"{public} Idrætsforening", is_public=True)
        host = host or directory_entry
        person = make_person(tenant, full_name=f"{private} Kontakt", email=f"{slug}.kontakt@example.org")
        OrganisationRole.objects.create(
            tenant=tenant, organisation=organisation, person=person, role=OrganisationRoleKind.CONTACT_PERSON
        )
        interaction = Interaction.objects.create(
            tenant=tenant,
            kind=InteractionKind.MEETING,
            happened_on=timezone.localdate(),
            follow_up_on=date(2020, 1, 1),
            staff=staff,
            summary=f"{private} møde om rekruttering",
        )
        interaction.organisations.add(organisation)
        CollaborationRelation.objects.create(
            tenant=tenant,
            person=person,
            organisation=organisation,
            topic=f"{private} samarbejde",
            started_on=timezone.localdate(),
        )
        Invitation.objects.create(tenant=tenant, email=f"{slug}.invitation@example.org", role=Role.CENTRE_STAFF)
        from frivillig.crm.models import SavedFilter

        SavedFilter.objects.create(tenant=tenant, name=f"{private} filter", params={"type": "association"})
        Survey.objects.create(tenant=tenant, title=f"{private} behovsanalyse", created_by=staff)
        from frivillig.events.models import Campaign

        Campaign.objects.create(
            tenant=tenant, title=f"{private} kampagne", starts_on=date(2018, 3, 1), ends_on=date(2018, 4, 30)
        )
        from frivillig.strategy.models import Plan

        Plan.objects.create(
            tenant=tenant, title=f"{private} strategi", starts_on=date(2017, 1, 1), ends_on=date(2018, 12, 31)
        )
        # A plan on the public strategy page.
        Plan.objects.create(
            tenant=tenant,
            title=f"{public} strategi",
            starts_on=date(2017, 1, 1),
            ends_on=date(2018, 12, 31),
            is_public=True,
        )
    from frivillig.events.enums import EventStatus
    from frivillig.events.tests.helpers import make_event

    # A draft only staff see, and a published event that the public lists show.
    make_event(tenant, title=f"{private} arrangement", status=EventStatus.DRAFT)
    make_event(tenant, title=f"{public} arrangement", status=EventStatus.PUBLISHED)
    published = make_opportunity(host, title=f"{public} frivilligjob", summary=f"{public} hjælp i hverdagen")
    published.target_groups.add(public_tag)
    with scopes_disabled():
        refresh_search_fields(published)  # what opportunity_save does after writing the words
    draft = make_opportunity(organisation, title=f"{private} kladde", status=OpportunityStatus.DRAFT)
    with scopes_disabled():
        # Unanswered for more than a week at an association nobody represents with a login: the centre's list.
        Application.objects.create(
            tenant=tenant,
            opportunity=draft,
            full_name=f"{private} Ventende",
            email=f"{slug}.ventende@example.org",
            email_confirmed_at=timezone.now() - timedelta(days=8),
        )
        Application.objects.create(
            tenant=tenant,
            opportunity=published,
            full_name=f"{private} Ansøger",
            email=f"{slug}.ansoeger@example.org",
            email_confirmed_at=timezone.now(),
        )
    log_action("crm.organisation.updated", actor=staff, tenant=tenant, target=organisation, data={"note": private})
    log_access(actor=staff, tenant=tenant, subject=person, what="crm.person.notes")


def is_list_response(response) -> bool:
    from django.core.paginator import Page

    if "attachment" in response.headers.get("Content-Disposition", ""):
        return True
    contexts = response.context or []
    return any(isinstance(value, Page) for context in contexts for value in context.flatten().values())


def get_pages():
    """(name, format) of every GET page of the project; exports once per format."""
    for name, pattern in project_patterns():
        if MATRIX[name].method != "get":
            continue
        if "fmt" in pattern.pattern.converters:
            for fmt in EXPORT_FORMATS:
                yield name, fmt
        else:
            yield name, None


def alfa_readers(case) -> list[str]:
    """The personas of Alfa (and citizens, anonymous visitors) who may open the page."""
    return [persona for persona, expected in case.expected.items() if expected == 200 and persona != "other_staff"]


@pytest.fixture
def planted(personas):
    plant_records(personas.other_tenant, private=PRIVATE, public=PUBLISHED)
    plant_records(personas.tenant, private=OURS, public=OURS, host=personas.organisation)
    return personas


def fetch(name: str, fmt, persona: str, personas, client_for):
    case = MATRIX[name]
    kwargs = _fill(case.kwargs, matrix_objects(personas))
    if fmt:
        kwargs["fmt"] = fmt
    return client_for(persona).get(reverse(name, kwargs=kwargs), case.data)


def leaked_markers(name: str, text: str) -> list[str]:
    """Charlie's markers in what Alfa received; published records may show on national pages."""
    national = "tenant_slug" not in MATRIX[name].kwargs
    forbidden = [PRIVATE] if national else [PRIVATE, PUBLISHED]
    return [marker for marker in forbidden if marker.lower() in text.lower()]


# The pages and exports that list the tenant's records: each must show Alfa's twins to every persona who may open
# it, so an empty list cannot pass for a safe one.
LIST_PAGES = {
    "crm:dashboard",
    "crm:directory",
    "crm:interaction_export",
    "crm:interaction_list",
    "crm:organisation_export",
    "crm:organisation_filters",
    "crm:organisation_list",
    "crm:person_export",
    "crm:person_list",
    "crm:relation_export",
    "crm:relation_list",
    "crm:tag_list",
    "crm:unrepresented_list",
    "national:board",
    "national:feed",
    "tenants:access_log",
    "tenants:access_log_export",
    "tenants:audit_log",
    "tenants:audit_log_export",
    "tenants:members",
    "surveys:survey_list",
    "events:campaign_list",
    "strategy:plan_list",
    "strategy:public_plans",
    "events:event_admin_list",
    "events:event_admin_export",
    "events:event_list",
    "events_national:event_list",
    "volunteering:board",
    "volunteering:feed",
    "volunteering:needs",
    "volunteering:needs_details",
    "volunteering:needs_export",
    "volunteering:opportunity_manage_list",
    "volunteering:pipeline_all",
    "volunteering:unanswered_applications",
}

# Pages that paginate or send a file but list only what belongs to one record or one person (the twins are not
# theirs to show). Charlie's markers are checked on them all the same.
NARROW_LISTS = {
    "accounts:my_data_download": "the person's own data (right of access), in every tenant by design",
    "accounts:my_data_print": "the person's own data (right of access), in every tenant by design",
    "accounts:my_data_pdf": "the person's own data (right of access), in every tenant by design",
    "crm:import_file_download": "the uploaded import file itself",
    "crm:import_template": "an empty template to fill in",
    "national:my_applications": "the person's own applications, in every tenant by design",
    "surveys:invitation_list": "the invitations of one survey",
    "events:input_list": "the input from one dialogue meeting of the tenant's",
    "events:input_summary_pdf": "the summary of one dialogue meeting of the tenant's",
    "events:participant_list": "the participants of one event of the tenant's",
    "events:participant_export": "the participants of one event of the tenant's",
    "events:name_tags": "the name tags of one event's participants",
    "events:check_in": "those registered for one session of one event of the tenant's",
    "events:certificate": "one participant's own course certificate (the PDF's outline)",
    "events:waitlist": "the waiting list of one event of the tenant's",
    "events:event_ics": "one event of the tenant's as a calendar file",
    "surveys:survey_export": "the answers to one survey of the tenant's",
    "surveys:survey_report_pdf": "the results of one survey of the tenant's (its HTML twin is checked as a page)",
    "tenants:privacy_register_pdf": "the register and the tenant's own details (its HTML twin is checked as a page)",
    "volunteering:pipeline": "the applications of one opportunity",
    "strategy:report_list": "the status reports of one plan of the tenant's",
    "strategy:report_pdf": "one status report of the tenant's (the PDF's outline; its HTML twin is checked as a page)",
    "strategy:report_version_pdf": "one published status report of the tenant's (its HTML twin is checked as a page)",
    "strategy:public_report_version_pdf": "one published status report of a public plan of the tenant's",
    "strategy:target_detail": "the records counted for one target of the tenant's",
    "strategy:manual_value_file": "the evidence file of one value entered by hand for a target of the tenant's",
}


@pytest.mark.parametrize(("name", "fmt"), sorted(get_pages(), key=str))
def test_no_page_or_export_shows_another_tenants_records(name, fmt, planted, client_for):
    readers = alfa_readers(MATRIX[name])
    for persona in readers:
        response = fetch(name, fmt, persona, planted, client_for)
        assert response.status_code == 200, (name, persona, response.status_code)
        text = rendered_text(response)

        assert leaked_markers(name, text) == [], (name, fmt, persona)
        if name in LIST_PAGES:
            assert OURS.lower() in text.lower(), f"{name} ({persona}) lists nothing: the check proves nothing there"
        elif name not in NARROW_LISTS:
            assert not is_list_response(response), f"{name} lists records: add it to LIST_PAGES or NARROW_LISTS"


def test_every_list_page_is_checked_by_someone():
    pages = {name for name, _ in get_pages()}
    assert sorted((LIST_PAGES | set(NARROW_LISTS)) - pages) == [], "classified pages that no longer exist"
    assert [name for name in sorted(LIST_PAGES) if not alfa_readers(MATRIX[name])] == []


# --- the check above can fail ------------------------------------------------------------------------------


def test_leak_check_finds_a_list_whose_selector_bypasses_the_scope(planted, client_for, monkeypatch):
    """With one selector reading every tenant (as a forgotten scope would), the check sees Charlie's row."""
    from frivillig.volunteering.models import Application
    from frivillig.volunteering.views import applications as views

    def unscoped(user, tenant, **narrowed):
        return Application.objects.with_scopes_disabled().filter(email_confirmed_at__isnull=False)

    monkeypatch.setattr(views, "followed_applications", unscoped)
    response = fetch("volunteering:pipeline_all", None, "centre_staff", planted, client_for)

    assert leaked_markers("volunteering:pipeline_all", rendered_text(response)) == [PRIVATE, PUBLISHED]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_leak_check_finds_an_export_whose_selector_bypasses_the_scope(fmt, planted, client_for, monkeypatch):
    from frivillig.crm.models import Organisation
    from frivillig.crm.views import organisations as views

    def unscoped(tenant, criteria):
        return Organisation.objects.with_scopes_disabled().prefetch_related("target_groups", "activity_areas")

    monkeypatch.setattr(views, "organisations_for_export", unscoped)
    response = fetch("crm:organisation_export", fmt, "centre_staff", planted, client_for)

    assert leaked_markers("crm:organisation_export", rendered_text(response)) == [PRIVATE, PUBLISHED]


def test_unclassified_list_is_caught(planted, client_for):
    """A paginated page missing from LIST_PAGES would be reported, not silently skipped."""
    response = fetch("crm:person_list", None, "centre_staff", planted, client_for)
    assert is_list_response(response)
    assert is_list_response(fetch("crm:person_export", "csv", "centre_staff", planted, client_for))
    assert not is_list_response(fetch("tenants:settings", None, "tenant_admin", planted, client_for))
