from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.models import User
from frivillig.core.params import get_ids
from frivillig.core.widgets import AutocompleteCheckboxSelectMultiple, AutocompleteSelect
from frivillig.crm.enums import InteractionKind
from frivillig.crm.models import Interaction
from frivillig.crm.selectors.common import active_organisations
from frivillig.crm.selectors.interactions import (
    INTERACTION_SORTS,
    InteractionFilter,
    centre_staff_users,
    selectable_organisations,
    selectable_people,
    theme_tags,
)

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class TopicMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name or obj.email


def staff_choices(tenant, *, extra_pks=()) -> QuerySet[User]:
    """Current centre staff, plus whoever already holds an interaction (a colleague may have left)."""
    condition = Q(pk__in=centre_staff_users(tenant).values("pk"))
    if isinstance(extra_pks, QuerySet) or extra_pks:
        condition |= Q(pk__in=extra_pks)
    return User.objects.filter(condition).order_by("full_name", "email")


class InteractionFilterForm(forms.Form):
    """The list's GET parameters. A value that does not validate is ignored, never an error page."""

    soeg = forms.CharField(
        label=_("Search in the summary"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *InteractionKind.choices])
    emne = TopicChoiceField(label=_("Topic"), required=False, queryset=None, empty_label=_("All topics"))
    medarbejder = StaffChoiceField(label=_("Staff member"), required=False, queryset=None, empty_label=_("Everybody"))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=None,
        empty_label=_("All organisations"),
        widget=AutocompleteSelect,
    )
    fra = forms.DateField(label=_("Date from"), required=False, widget=forms.DateInput(**DATE_WIDGET))
    til = forms.DateField(label=_("Date to"), required=False, widget=forms.DateInput(**DATE_WIDGET))
    aabne = forms.BooleanField(label=_("Open follow-ups only"), required=False)
    sorter = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("nyeste", _("Newest first")),
            ("aeldste", _("Oldest first")),
            ("opfoelgning", _("Follow-up date")),
        ],
    )

    def __init__(self, data, *, tenant):
        super().__init__(data)
        self.fields["emne"].queryset = theme_tags(tenant)
        self.fields["medarbejder"].queryset = staff_choices(
            tenant,
            extra_pks=Interaction.objects.filter(tenant=tenant, staff__isnull=False).values("staff_id"),
        )
        self.fields["organisation"].queryset = active_organisations(tenant)

    def criteria(self) -> InteractionFilter:
        self.is_valid()
        values = self.cleaned_data
        sort = values.get("sorter") or "nyeste"
        return InteractionFilter(
            search=values.get("soeg") or "",
            kind=values.get("type") or "",
            topic=values.get("emne"),
            staff=values.get("medarbejder"),
            organisation=values.get("organisation"),
            date_from=values.get("fra"),
            date_to=values.get("til"),
            open_follow_ups_only=bool(values.get("aabne")),
            sort=sort if sort in INTERACTION_SORTS else "nyeste",
        )


class InteractionForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=InteractionKind.choices, widget=forms.RadioSelect)
    staff = StaffChoiceField(label=_("Staff member"), queryset=None, empty_label=None)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"), required=False, queryset=None, widget=AutocompleteCheckboxSelectMultiple
    )
    people = forms.ModelMultipleChoiceField(
        label=_("People"), required=False, queryset=None, widget=AutocompleteCheckboxSelectMultiple
    )
    topics = TopicMultipleChoiceField(
        label=_("Topics"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Interaction
        fields = ["kind", "happened_on", "organisations", "people", "staff", "topics", "summary", "follow_up_on"]
        widgets = {
            "happened_on": forms.DateInput(**DATE_WIDGET),
            "follow_up_on": forms.DateInput(**DATE_WIDGET),
            "summary": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "follow_up_on": _("Leave empty if nothing needs following up."),
        }

    def __init__(self, *args, tenant, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.instance.tenant = tenant
        editing = self.instance.pk is not None
        chosen = {
            "organisations": list(self.instance.organisations.all()) if editing else [],
            "people": list(self.instance.people.all()) if editing else [],
            "topics": list(self.instance.topics.all()) if editing else [],
        }
        # Only the tenant's own records: an id from elsewhere is "not one of the choices", never saved.
        self.fields["organisations"].queryset = selectable_organisations(tenant, chosen=chosen["organisations"])
        self.fields["people"].queryset = selectable_people(tenant, chosen=chosen["people"])
        self.fields["topics"].queryset = theme_tags(tenant, chosen=chosen["topics"])
        self.fields["staff"].queryset = staff_choices(
            tenant, extra_pks=[self.instance.staff_id] if editing and self.instance.staff_id else []
        )
        if not editing:
            self.fields["happened_on"].initial = timezone.localdate()
            if centre_staff_users(tenant).filter(pk=user.pk).exists():
                self.fields["staff"].initial = user.pk

    def clean(self):
        cleaned = super().clean()
        happened_on, follow_up_on = cleaned.get("happened_on"), cleaned.get("follow_up_on")
        if happened_on and follow_up_on and follow_up_on < happened_on:
            self.add_error("follow_up_on", _("The follow-up date cannot be before the date of the interaction."))
        return cleaned


def preselection(params, tenant) -> dict:
    """Initial organisations and people from `?organisation=<pk>&person=<pk>` (unknown ids are ignored)."""
    initial = {}
    for key, field, queryset in (
        ("organisation", "organisations", selectable_organisations(tenant)),
        ("person", "people", selectable_people(tenant)),
    ):
        ids = get_ids(params, key)
        if ids:
            found = list(queryset.filter(pk__in=ids).values_list("pk", flat=True))
            if found:
                initial[field] = found
    return initial
