"""Staff's forms for events: the list's filter, an event's settings, a session, a copy's first day, a
cancellation. Times are typed in Danish time and stored in UTC."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frivillig.core.widgets import AutocompleteCheckboxSelectMultiple
from frivillig.crm.selectors.interactions import selectable_organisations
from frivillig.events.enums import EventKind, EventStatus
from frivillig.events.models import Campaign, Event, EventSession
from frivillig.events.selectors_staff import PAST, UPCOMING, EventFilter, evaluation_surveys, theme_choices

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LONGEST_OFFER_HOLD_HOURS = 14 * 24


class DanishDateTimeField(forms.DateTimeField):
    """A time typed in Danish time. A time the clocks skip (02:30 on the night summer time starts) or pass twice
    (02:30 on the night it ends) is refused with a message that says so, instead of Django's general one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DATETIME_WIDGET)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            if getattr(error, "code", None) == "ambiguous_timezone":
                raise ValidationError(
                    _(
                        "This time does not exist or occurs twice in Danish time, because the clocks are changed "
                        "that night. Choose another time, for example an hour later."
                    ),
                    code="ambiguous_timezone",
                ) from error
            raise


class ThemeMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.label


class EventFilterForm(forms.Form):
    """The staff list's GET parameters. A value that does not validate is ignored, never an error page."""

    soeg = forms.CharField(
        label=_("Search in the titles"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    naar = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming and past")), (UPCOMING, _("Upcoming")), (PAST, _("Past"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Every status")), *EventStatus.choices]
    )
    type = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices])
    tema = ThemeChoiceField(label=_("Theme"), required=False, queryset=None, empty_label=_("All themes"))

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tema"].queryset = theme_choices(tenant)

    def criteria(self) -> EventFilter:
        if not self.is_valid():
            return EventFilter()
        values = self.cleaned_data
        return EventFilter(
            search=values["soeg"].strip(),
            status=values["status"],
            kind=values["type"],
            theme=values["tema"],
            when=values["naar"],
        )


class EventForm(forms.ModelForm):
    """An event's settings. Creating an event makes its first session from the start and end typed here; an event
    with one session keeps that session's times in this form too, one with several has them on its sessions."""

    starts_at = DanishDateTimeField(label=_("Starts"), help_text=_("Danish time."))
    ends_at = DanishDateTimeField(label=_("Ends"), help_text=_("Danish time."))
    themes = ThemeMultipleChoiceField(
        label=_("Themes"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        required=False,
        queryset=None,
        widget=AutocompleteCheckboxSelectMultiple,
        help_text=_("Associations and other organisations from the CRM that organise the event with you."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online event, or one people can also follow online."),
    )
    campaign = forms.ModelChoiceField(label=_("Campaign"), required=False, queryset=None)
    evaluation_survey = forms.ModelChoiceField(
        label=_("Evaluation survey"),
        required=False,
        queryset=None,
        help_text=_("Sent to those who attended the day after the event. Only evaluation surveys."),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "themes",
            "starts_at",
            "ends_at",
            "place",
            "online_url",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "audience",
            "organised_by_centre",
            "organised_by_municipality",
            "partners",
            "price_note",
            "campaign",
            "evaluation_survey",
            "asks_diet",
            "asks_access_needs",
            "extra_question",
            "sessions_required",
            "offer_hold_hours",
        ]
        field_classes = {
            "registration_opens_at": DanishDateTimeField,
            "registration_closes_at": DanishDateTimeField,
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "place": _("The address, or the name of the room."),
            "capacity": _("Leave empty if there is no limit. When the places are taken, people join a waiting list."),
            "registration_opens_at": _("Danish time. Leave empty to open registration when the event is published."),
            "registration_closes_at": _("Danish time. Must be before the event ends. Leave empty to close it then."),
            "price_note": _("For example “Free” or “DKK 100 including dinner”."),
            "extra_question": _("A question of your own that people answer in a free text when they register."),
            "sessions_required": _(
                "For a course with several sessions: how many a participant must attend to complete it. Leave "
                "empty to require all of them."
            ),
            "offer_hold_hours": _(
                "When a place is freed, it is offered to the first on the waiting list for this many hours."
            ),
        }

    def __init__(self, *args, tenant, held: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.tenant = tenant
        self.held = held
        editing = self.instance.pk is not None
        self.session_count = self.instance.sessions.count() if editing else 1
        chosen_themes = list(self.instance.themes.all()) if editing else []
        chosen_partners = list(self.instance.partners.all()) if editing else []
        self.fields["themes"].queryset = theme_choices(tenant, chosen=chosen_themes)
        self.fields["partners"].queryset = selectable_organisations(tenant, chosen=chosen_partners).order_by(
            "name", "pk"
        )
        self.fields["campaign"].queryset = Campaign.objects.filter(tenant=tenant)
        self.fields["evaluation_survey"].queryset = evaluation_surveys(
            tenant, chosen=self.instance.evaluation_survey if editing else None
        )
        self.fields["capacity"].widget.attrs["min"] = 1
        self.fields["sessions_required"].widget.attrs["min"] = 1
        self.fields["offer_hold_hours"].widget.attrs.update({"min": 1, "max": LONGEST_OFFER_HOLD_HOURS})
        if self.has_own_times():
            if editing:
                self.initial.setdefault("starts_at", self.instance.starts_at)
                self.initial.setdefault("ends_at", self.instance.ends_at)
        else:
            # Several sessions: their times are changed on the sessions themselves.
            del self.fields["starts_at"]
            del self.fields["ends_at"]

    def has_own_times(self) -> bool:
        return self.session_count <= 1

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < 1:
            raise ValidationError(_("An event must have at least 1 place. Leave the field empty for no limit."))
        if capacity is not None and capacity < self.held:
            raise ValidationError(
                _(
                    "%(held)s places are already held by those registered, so the event cannot have fewer places "
                    "than that. Cancel registrations first if the number of places must go down."
                ),
                params={"held": self.held},
            )
        return capacity

    def clean_sessions_required(self):
        required = self.cleaned_data["sessions_required"]
        if required is not None and required < 1:
            raise ValidationError(_("At least 1 session must be needed to complete."))
        if required is not None and required > self.session_count:
            raise ValidationError(
                _("The event has %(count)s sessions, so no more than %(count)s can be needed to complete."),
                params={"count": self.session_count},
            )
        return required

    def clean_offer_hold_hours(self):
        hours = self.cleaned_data["offer_hold_hours"]
        if hours is not None and not 1 <= hours <= LONGEST_OFFER_HOLD_HOURS:
            raise ValidationError(
                _("A freed place can be held from 1 to %(most)s hours."), params={"most": LONGEST_OFFER_HOLD_HOURS}
            )
        return hours

    def clean(self):
        cleaned = super().clean()
        if self.has_own_times():
            starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
            if starts and ends and ends <= starts:
                self.add_error("ends_at", _("The event must end after it starts."))
                ends = None
        else:
            ends = self.instance.ends_at
        opens, closes = cleaned.get("registration_opens_at"), cleaned.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Registration must close after it opens."))
        elif closes and ends and closes > ends:
            self.add_error("registration_closes_at", _("Registration must close before the event ends."))
        return cleaned

    def session_times(self):
        if not self.has_own_times():
            return None
        return self.cleaned_data["starts_at"], self.cleaned_data["ends_at"]


class SessionForm(forms.ModelForm):
    starts_at = DanishDateTimeField(label=_("Starts"), help_text=_("Danish time."))
    ends_at = DanishDateTimeField(label=_("Ends"), help_text=_("Danish time."))

    class Meta:
        model = EventSession
        fields = ["title", "starts_at", "ends_at", "place"]
        help_texts = {
            "title": _("For example “Evening 2: the first meeting with a new volunteer”."),
            "place": _("Leave empty if it is the event's place."),
        }

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session must end after it starts."))
        return cleaned


class CopyForm(forms.Form):
    first_day = forms.DateField(
        label=_("First day of the copy"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_(
            "Leave empty to hold the copy 52 weeks later: on the same weekday, a year on. The times of day stay "
            "the same."
        ),
    )


class CancelForm(forms.Form):
    message = forms.CharField(
        label=_("Message to those registered"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Added to the mail that tells them. For example why, or what happens instead."),
    )
