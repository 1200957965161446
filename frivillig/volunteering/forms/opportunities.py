"""Forms for keeping volunteer opportunities: the administration list's filters, the opportunity itself, and
the status actions (close, renew)."""

from datetime import date
from decimal import Decimal

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.core.widgets import AutocompleteSelect
from frivillig.crm.enums import Vocabulary
from frivillig.crm.models import Organisation, Person, Tag
from frivillig.crm.selectors import tags
from frivillig.volunteering.enums import Commitment, OpportunityStatus
from frivillig.volunteering.models import Opportunity
from frivillig.volunteering.selectors.opportunities import (
    OPPORTUNITY_SORTS,
    OpportunityFilter,
    contact_people_by_organisation,
)
from frivillig.volunteering.services.opportunities import PUBLISHING_FIELDS

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class TagChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Tag) -> str:
        # Evaluated while the page renders, so the label follows the visitor's language.
        return obj.label


class OpportunityFilterForm(forms.Form):
    """The administration list's GET parameters. A value that does not validate is ignored, never an error."""

    soeg = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the title"),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *OpportunityStatus.choices]
    )
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("All"),
        widget=AutocompleteSelect,
    )
    sorter = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("aendret", _("Last changed")), ("titel", _("Title")), ("udloeber", _("Open until"))],
    )

    def __init__(self, data, *, organisations: QuerySet[Organisation] | None):
        """`organisations`: the choices of the organisation filter, or None to leave the filter out."""
        super().__init__(data)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations

    def criteria(self) -> OpportunityFilter:
        self.is_valid()
        values = self.cleaned_data
        sort = values.get("sorter") or "aendret"
        return OpportunityFilter(
            search=values.get("soeg") or "",
            status=values.get("status") or "",
            organisation=values.get("organisation"),
            sort=sort if sort in OPPORTUNITY_SORTS else "aendret",
        )


# What the label says, instead of "optional", on a field that publishing needs (see PUBLISHING_FIELDS). A
# checkbox ("can be done from home") is never marked either way, so it needs no note.
PUBLISHING_NOTES = {
    "summary": _("needed to publish"),
    "description": _("needed to publish, unless you list the tasks"),
    "tasks": _("needed to publish, unless you write a description"),
    "activity_areas": _("at least one is needed to publish"),
    "commitment": _("needed to publish"),
    "postcode": _("needed to publish, unless it can be done from home"),
    "expires_on": _("needed to publish"),
    "contact_person": _("needed to publish, since the organisation has no e-mail address"),
}


class OpportunityForm(forms.ModelForm):
    organisation = OrganisationChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), widget=AutocompleteSelect
    )
    activity_areas = TagChoiceField(label=_("Activity areas"), required=False, queryset=Tag.objects.none())
    target_groups = TagChoiceField(
        label=_("Target groups"),
        required=False,
        queryset=Tag.objects.none(),
        help_text=_("Who the volunteers will help or work with."),
    )
    skills = TagChoiceField(label=_("Skills wanted"), required=False, queryset=Tag.objects.none())
    inclusion = TagChoiceField(
        label=_("Also suitable for"),
        required=False,
        queryset=Tag.objects.none(),
        help_text=_("Tick what fits, so people who often stand outside can find a way in."),
    )
    commitment = forms.ChoiceField(
        label=_("Commitment"), required=False, choices=Commitment.choices, widget=forms.RadioSelect
    )
    hours_per_week = forms.DecimalField(
        label=_("Hours per week"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("80"),
        max_digits=4,
        decimal_places=1,
        localize=True,
        help_text=_("About how many hours a week."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    volunteers_needed = forms.IntegerField(
        label=_("Volunteers needed"),
        min_value=1,
        max_value=999,
        error_messages={"min_value": _("At least one volunteer must be needed.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    contact_person = forms.ChoiceField(
        label=_("Contact person"),
        required=False,
        help_text=_("A person with a role in the organisation. Without one, volunteers write to its e-mail."),
    )

    class Meta:
        model = Opportunity
        fields = [
            "organisation",
            "title",
            "summary",
            "description",
            "tasks",
            "activity_areas",
            "target_groups",
            "skills",
            "inclusion",
            "commitment",
            "hours_per_week",
            "on_weekdays",
            "in_evenings",
            "at_weekends",
            "starts_on",
            "ends_on",
            "address",
            "postcode",
            "town",
            "is_remote",
            "volunteers_needed",
            "requires_child_certificate",
            "contact_person",
            "expires_on",
        ]
        labels = {
            "title": _("Title"),
            "summary": _("Short summary"),
            "description": _("Description"),
            "tasks": _("Tasks"),
            "on_weekdays": _("On weekdays (daytime)"),
            "in_evenings": _("In the evenings"),
            "at_weekends": _("At weekends"),
            "starts_on": _("Starts"),
            "ends_on": _("Ends"),
            "address": _("Address"),
            "postcode": _("Postcode"),
            "town": _("Town"),
            "is_remote": _("Can be done from home"),
            "requires_child_certificate": _("Requires a child certificate (børneattest)"),
            "expires_on": _("Open until"),
        }
        help_texts = {
            "title": _("Short and concrete, e.g. “Visiting friend for an elderly citizen”."),
            "summary": _("One or two sentences, at most 300 characters. Shown in the search results."),
            "description": _("What the volunteer does, with whom, and what they get out of it."),
            "tasks": _("The concrete tasks, one per line."),
            "starts_on": _("Leave empty if it can start at any time."),
            "ends_on": _("Leave empty if it goes on."),
            "requires_child_certificate": _(
                "The law requires it for work with children under 15. The association obtains it."
            ),
            "expires_on": _(
                "The last day the opportunity is shown. We remind you a week before, with a link to renew it."
            ),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "tasks": forms.Textarea(attrs={"rows": 5}),
            "starts_on": forms.DateInput(**DATE_WIDGET),
            "ends_on": forms.DateInput(**DATE_WIDGET),
            "expires_on": forms.DateInput(**DATE_WIDGET),
            "address": forms.TextInput(attrs={"autocomplete": "off"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, tenant, organisations: QuerySet[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.tenant = tenant
        current = self.instance.organisation_id if self.instance.pk else None
        # An opportunity of an organisation since archived stays editable by the staff who can see it.
        organisation_choices = Organisation.objects.filter(tenant=tenant).filter(
            Q(pk__in=organisations.values("pk")) | Q(pk=current)
        )
        self.fields["organisation"].queryset = organisation_choices.order_by("name")
        for name, vocabulary in (
            ("activity_areas", Vocabulary.ACTIVITY_AREA),
            ("target_groups", Vocabulary.TARGET_GROUP),
            ("skills", Vocabulary.SKILL),
            ("inclusion", Vocabulary.INCLUSION),
        ):
            # A word the admin has since retired stays ticked on the opportunities that have it.
            chosen = [tag.pk for tag in getattr(self.instance, name).all()] if self.instance.pk else []
            self.fields[name].queryset = tags(tenant, vocabulary, include_inactive=True).filter(
                Q(is_active=True) | Q(pk__in=chosen)
            )
        self._contacts = contact_people_by_organisation(organisation_choices)
        saved_contact = self.instance.contact_person if self.instance.pk else None
        if saved_contact is not None and current is not None:
            # The saved contact stays a choice even if their role has ended, so an unrelated edit keeps them.
            group = self._contacts.setdefault(current, {"name": self.instance.organisation.name, "people": {}})
            group["people"].setdefault(saved_contact.pk, saved_contact)
        self._saved_contact_id = saved_contact.pk if saved_contact is not None else None
        self.fields["contact_person"].choices = [
            ("", _("No contact person: volunteers write to the organisation's e-mail")),
            *[
                (
                    group["name"],
                    [(str(pk), person.full_name) for pk, person in sorted(group["people"].items(), key=_by_name)],
                )
                for _pk, group in sorted(self._contacts.items(), key=lambda item: item[1]["name"])
            ],
        ]
        if self.instance.pk or len(self.fields["organisation"].queryset) == 1:
            self.fields["organisation"].empty_label = None
        else:
            self.fields["organisation"].empty_label = _("Choose the organisation")
        self._mark_publishing_fields()

    def _mark_publishing_fields(self) -> None:
        """A field that publishing needs is not "optional": it carries a `requirement_note` instead, which
        core/ui/field.html shows where it would say "optional". The contact person is needed only when the
        organisation has no e-mail address to write to."""
        organisation = self.instance.organisation if self.instance.organisation_id else None
        for piece, names in PUBLISHING_FIELDS.items():
            if piece == "contact" and (organisation is None or organisation.email):
                continue
            for name in names:
                field = self.fields.get(name)
                if field is not None and not field.required and name in PUBLISHING_NOTES:
                    field.requirement_note = PUBLISHING_NOTES[name]

    def clean_contact_person(self) -> Person | None:
        value = self.cleaned_data.get("contact_person")
        if not value:
            return None
        for group in self._contacts.values():
            person = group["people"].get(int(value))
            if person is not None:
                return person
        raise forms.ValidationError(_("Choose one of the people in the list."))

    def clean_expires_on(self) -> date | None:
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on and "expires_on" in self.changed_data and expires_on < timezone.localdate():
            raise forms.ValidationError(_("The date has passed. Choose today or a later date."))
        return expires_on

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date is before the start date."))
        organisation, person = cleaned.get("organisation"), cleaned.get("contact_person")
        if organisation is not None and person is not None:
            people = self._contacts.get(organisation.pk, {}).get("people", {})
            if person.pk not in people:
                self.add_error(
                    "contact_person",
                    _("%(name)s has no role in %(organisation)s. Choose one of its people.")
                    % {"name": person.full_name, "organisation": organisation.name},
                )
        return cleaned

    def save_m2m_values(self) -> dict[str, list[Tag]]:
        """The chosen words, for the service (which saves the many-to-many fields itself)."""
        return {
            name: list(self.cleaned_data[name]) for name in ("activity_areas", "target_groups", "skills", "inclusion")
        }


def _by_name(item) -> str:
    return item[1].full_name.lower()


class CloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Why does it close?"),
        choices=[
            (OpportunityStatus.FILLED, _("Filled: we found the volunteers we needed")),
            (OpportunityStatus.CLOSED, _("Closed for another reason")),
        ],
        widget=forms.RadioSelect,
        initial=OpportunityStatus.FILLED,
    )


class RenewForm(forms.Form):
    expires_on = forms.DateField(
        label=_("Open until"),
        required=False,
        help_text=_("Leave empty for 30 days more."),
        widget=forms.DateInput(**DATE_WIDGET),
    )

    def clean_expires_on(self) -> date | None:
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on and expires_on <= timezone.localdate():
            raise forms.ValidationError(_("The new “open until” date must be after today."))
        return expires_on
