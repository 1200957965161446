"""crm's part of setting up a new tenant: the default word lists, through the tenants service."""

from django_scopes import scopes_disabled

from frivillig.crm.models import Tag
from frivillig.crm.tenant_setup import set_up_tenant
from frivillig.crm.vocabularies import DEFAULT_TAGS
from frivillig.tenants.services import tenant_create, tenant_set_up
from frivillig.testing import TenantFactory

DEFAULT_WORDS = {(vocabulary, slug) for vocabulary, words in DEFAULT_TAGS.items() for slug, _da, _en in words}


def words(tenant) -> set[tuple[str, str]]:
    with scopes_disabled():
        return set(Tag.objects.filter(tenant=tenant).values_list("vocabulary", "slug"))


def test_crm_offers_its_set_up_hook_to_the_registry():
    from frivillig.core import registry

    assert set_up_tenant in registry.collect("tenant_setup", "set_up_tenant")


def test_a_new_tenant_starts_with_the_default_words(db):
    tenant = tenant_create(tenant=TenantFactory.build(slug="bravo", kommunekode="903"), actor=None)

    assert words(tenant) == DEFAULT_WORDS


def test_setting_up_again_adds_only_the_missing_words_and_keeps_edited_ones(db):
    tenant = tenant_create(tenant=TenantFactory.build(slug="bravo", kommunekode="903"), actor=None)
    with scopes_disabled():
        Tag.objects.filter(tenant=tenant, slug="misbrug").delete()
        Tag.objects.filter(tenant=tenant, slug="aeldre").update(label_da="Seniorer")

    tenant_set_up(tenant=tenant)

    assert words(tenant) == DEFAULT_WORDS
    with scopes_disabled():
        assert Tag.objects.get(tenant=tenant, slug="aeldre").label_da == "Seniorer"
