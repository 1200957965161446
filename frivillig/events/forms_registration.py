"""Registering for an event (guest, logged in, or a representative registering a colleague) and moving someone on
the waiting list. The forms validate; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.core.honeypot import HoneypotMixin, honeypot_field
from frivillig.events.enums import MAX_GROUP_SIZE

ME = "me"
COLLEAGUE = "colleague"


class RegistrationForm(HoneypotMixin, forms.Form):
    """One form for everyone: a guest types name and e-mail; a logged-in person registers themself with the
    account's; a representative may register a colleague instead, and on behalf of one of their associations."""

    for_whom = forms.ChoiceField(
        label=_("Who is coming?"),
        choices=[(ME, _("I am")), (COLLEAGUE, _("A colleague (I register them)"))],
        initial=ME,
        widget=forms.RadioSelect,
        required=False,
    )
    full_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=None,
        required=False,
        empty_label=_("Not on behalf of an association"),
        help_text=_("Choose the association if you come on its behalf, so it counts as taking part."),
    )
    group_size = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        max_value=MAX_GROUP_SIZE,
        initial=1,
        help_text=_("Count yourself in: “me and two colleagues” is 3 places. At most %(max)s.")
        % {"max": MAX_GROUP_SIZE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    diet = forms.CharField(label=_("Diet"), max_length=200, required=False)
    access_needs = forms.CharField(label=_("Access needs"), max_length=300, required=False)
    extra_answer = forms.CharField(label="", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    website = honeypot_field()

    def __init__(self, *args, event, user=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        if organisations is not None and organisations.exists():
            self.fields["organisation"].queryset = organisations
        else:
            del self.fields["organisation"]
        # Only a representative registers colleagues.
        self.may_register_colleague = user is not None and "organisation" in self.fields
        if not self.may_register_colleague:
            del self.fields["for_whom"]
        if user is not None:
            self.fields["full_name"].label = _("The colleague's name")
            self.fields["email"].label = _("The colleague's e-mail")
            self.fields["email"].help_text = _("We send the confirmation and the personal link to this address.")
            if not self.may_register_colleague:
                del self.fields["full_name"]
                del self.fields["email"]
            self.fields["phone"].initial = user.phone if not self.is_bound else None
            del self.fields["website"]
        else:
            self.fields["full_name"].required = True
            self.fields["email"].required = True
            self.fields["email"].help_text = _("We send you a link to confirm your registration.")
        if not event.asks_diet:
            del self.fields["diet"]
        if not event.asks_access_needs:
            del self.fields["access_needs"]
        if event.extra_question:
            self.fields["extra_answer"].label = event.extra_question
        else:
            del self.fields["extra_answer"]

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data.get("full_name", "").split())

    def clean(self):
        data = super().clean()
        if self.may_register_colleague and data.get("for_whom") == COLLEAGUE:
            if not data.get("full_name"):
                self.add_error("full_name", _("Write the colleague's name."))
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Write the colleague's e-mail address."))
        return data

    def registers_colleague(self) -> bool:
        return self.may_register_colleague and self.cleaned_data.get("for_whom") == COLLEAGUE

    def person_fields(self) -> list:
        names = ["full_name", "email", "phone", "organisation", "group_size"]
        return [self[name] for name in names if name in self.fields]

    def question_fields(self) -> list:
        return [self[name] for name in ("diet", "access_needs", "extra_answer") if name in self.fields]


class WaitlistMoveForm(forms.Form):
    UP = "up"
    DOWN = "down"
    TO = "to"

    direction = forms.ChoiceField(
        label=_("Move"),
        choices=[(UP, _("One place up")), (DOWN, _("One place down")), (TO, _("To place number"))],
        initial=TO,
    )
    position = forms.IntegerField(label=_("Place number"), min_value=1, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Required. It is kept in the log and shown in the waiting list."),
        error_messages={"required": _("Write why the person is moved.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("direction") == self.TO and not data.get("position") and "position" not in self.errors:
            self.add_error("position", _("Write the place number to move the person to."))
        return data

    def target(self, current: int) -> int:
        direction = self.cleaned_data["direction"]
        if direction == self.UP:
            return max(current - 1, 1)
        if direction == self.DOWN:
            return current + 1
        return self.cleaned_data["position"]
