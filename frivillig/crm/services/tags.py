from django.db import transaction

from frivillig.crm.models import Tag
from frivillig.crm.vocabularies import DEFAULT_TAGS


@transaction.atomic
def tags_seed_defaults(*, tenant) -> int:
    """Give a tenant the default vocabularies; words it already has are left as they are. Returns the count added."""
    existing = set(Tag.objects.filter(tenant=tenant).values_list("vocabulary", "slug"))
    new = [
        Tag(tenant=tenant, vocabulary=vocabulary, slug=slug, label_da=label_da, label_en=label_en, position=index)
        for vocabulary, words in DEFAULT_TAGS.items()
        for index, (slug, label_da, label_en) in enumerate(words)
        if (vocabulary, slug) not in existing
    ]
    Tag.objects.bulk_create(new)
    return len(new)
