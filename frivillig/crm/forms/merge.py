"""Choosing two records to merge, and which of them to keep.

The choices are read here in one query each (the pages list every record of the tenant, archived ones too:
a duplicate is often found after one of the two was archived).
"""

from django import forms
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.core.widgets import AutocompleteSelect
from frivillig.crm.models import Organisation, Person, RepresentativeInvitation


def organisation_options(tenant) -> list[tuple[int, str]]:
    options = []
    rows = Organisation.objects.filter(tenant=tenant).order_by("name", "pk")
    for pk, name, cvr, town, archived_at in rows.values_list("pk", "name", "cvr", "town", "archived_at"):
        details = ", ".join(part for part in (f"CVR {cvr}" if cvr else "", town) if part)
        label = f"{name} ({details})" if details else name
        options.append((pk, f"{label} – {_('archived')}" if archived_at else label))
    return options


def person_options(tenant) -> list[tuple[int, str]]:
    options = []
    rows = Person.objects.filter(tenant=tenant).order_by("full_name", "pk")
    for pk, name, email, archived_at in rows.values_list("pk", "full_name", "email", "archived_at"):
        label = f"{name} ({email})" if email else name
        options.append((pk, f"{label} – {_('archived')}" if archived_at else label))
    return options


def organisation_pair(tenant, ids: tuple[int, int]) -> list[Organisation]:
    """The two organisations in the given order, with how much hangs on each of them."""
    records = (
        Organisation.objects.filter(tenant=tenant, pk__in=ids)
        .annotate(
            role_count=Count("roles", distinct=True),
            interaction_count=Count("interactions", distinct=True),
            relation_count=Count("relations", distinct=True),
            representative_count=Count("representatives", distinct=True),
        )
        .prefetch_related("target_groups", "activity_areas")
        .in_bulk()
    )
    invitations = dict(
        RepresentativeInvitation.objects.filter(tenant=tenant, organisation__in=ids)
        .values_list("organisation")
        .annotate(count=Count("pk"))
        .values_list("organisation", "count")
    )
    for record in records.values():
        record.invitation_count = invitations.get(record.pk, 0)
    return [records[pk] for pk in ids]


def person_pair(tenant, ids: tuple[int, int]) -> list[Person]:
    records = (
        Person.objects.filter(tenant=tenant, pk__in=ids)
        .select_related("user")
        .annotate(
            role_count=Count("roles", distinct=True),
            interaction_count=Count("interactions", distinct=True),
            relation_count=Count("relations", distinct=True),
        )
        .in_bulk()
    )
    return [records[pk] for pk in ids]


class MergePickForm(forms.Form):
    a = forms.TypedChoiceField(coerce=int, widget=AutocompleteSelect)
    b = forms.TypedChoiceField(coerce=int, widget=AutocompleteSelect)

    def __init__(self, data, *, options: list[tuple[int, str]], labels: tuple[str, str], same_message: str, **kwargs):
        super().__init__(data, **kwargs)
        self.same_message = same_message
        choices = [("", _("Choose…")), *options]
        for name, label in zip(("a", "b"), labels, strict=True):
            self.fields[name].choices = choices
            self.fields[name].label = label

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") is not None and cleaned.get("a") == cleaned.get("b"):
            raise forms.ValidationError(self.same_message, code="same")
        return cleaned


class MergeConfirmForm(forms.Form):
    keep = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label=gettext_lazy("Which one do you keep?"))

    def __init__(self, data, *, first, second):
        super().__init__(data)
        self.first, self.second = first, second
        self.fields["keep"].choices = [
            (first.pk, _("The first: %(name)s") % {"name": first}),
            (second.pk, _("The second: %(name)s") % {"name": second}),
        ]
        self.fields["keep"].initial = first.pk
        self.fields["keep"].help_text = _(
            "The other one is deleted after everything has moved to the one you keep. This cannot be undone."
        )

    def keep_and_remove(self):
        if self.cleaned_data["keep"] == self.first.pk:
            return self.first, self.second
        return self.second, self.first
