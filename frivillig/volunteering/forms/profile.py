"""The volunteer's own profile. Words are the platform's default vocabulary keys (national: a profile belongs to
no tenant), shown with their labels in the visitor's language; a key that is not in the list is an error."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frivillig.core.validators import validate_postcode
from frivillig.crm.enums import Vocabulary
from frivillig.crm.vocabularies import DEFAULT_TAGS

AVAILABILITY = [
    ("on_weekdays", _("On weekdays (daytime)")),
    ("in_evenings", _("In the evenings")),
    ("at_weekends", _("At weekends")),
]


def vocabulary_choices(vocabulary: Vocabulary) -> list[tuple[str, str]]:
    english = (get_language() or "da").startswith("en")
    return [(slug, label_en if english else label_da) for slug, label_da, label_en in DEFAULT_TAGS[vocabulary]]


def vocabulary_keys(vocabulary: Vocabulary) -> set[str]:
    return {slug for slug, _da, _en in DEFAULT_TAGS[vocabulary]}


class WordsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, vocabulary: Vocabulary, **kwargs):
        # A callable: the labels are read when the form is made, in the language of that request.
        super().__init__(choices=lambda: vocabulary_choices(vocabulary), required=False, **kwargs)


class VolunteerProfileForm(forms.Form):
    target_groups = WordsField(
        Vocabulary.TARGET_GROUP,
        label=_("People I would like to help"),
        help_text=_("Choose as many as you like."),
    )
    activity_areas = WordsField(Vocabulary.ACTIVITY_AREA, label=_("Kinds of volunteering that interest me"))
    skills = WordsField(Vocabulary.SKILL, label=_("What I am good at"))
    inclusion_needs = WordsField(
        Vocabulary.INCLUSION,
        label=_("What suits me"),
        help_text=_("We use this to find opportunities that fit you. It is not shown to anyone."),
    )
    availability = forms.MultipleChoiceField(
        label=_("When I can help"),
        choices=AVAILABILITY,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=4,
        required=False,
        validators=[validate_postcode],
        help_text=_("Four digits. We use it to suggest opportunities close to you."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    languages = forms.CharField(
        label=_("Languages I speak"),
        max_length=200,
        required=False,
        help_text=_("For example: Danish, English, Arabic."),
    )
    private_notes = forms.CharField(
        label=_("Private notes on my needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you see these notes. They are never shown to associations or the volunteer centre."),
    )
    open_to_suggestions = forms.BooleanField(
        label=_("Associations may see me as a suggested volunteer"),
        required=False,
        help_text=_(
            "They see your first name, your postcode and your interests, never your contact details or your notes."
        ),
    )

    @classmethod
    def initial_for(cls, profile) -> dict:
        if profile is None:
            return {}
        interests = set(profile.interests)
        return {
            "target_groups": sorted(interests & vocabulary_keys(Vocabulary.TARGET_GROUP)),
            "activity_areas": sorted(interests & vocabulary_keys(Vocabulary.ACTIVITY_AREA)),
            "skills": list(profile.skills),
            "inclusion_needs": list(profile.inclusion_needs),
            "availability": [key for key, _label in AVAILABILITY if getattr(profile, key)],
            "postcode": profile.postcode,
            "languages": profile.languages,
            "private_notes": profile.private_notes,
            "open_to_suggestions": profile.open_to_suggestions,
        }

    def profile_values(self) -> dict:
        """The cleaned values in the shape of volunteer_profile_save's arguments."""
        data = self.cleaned_data
        availability = set(data["availability"])
        return {
            "interests": [*data["target_groups"], *data["activity_areas"]],
            "skills": list(data["skills"]),
            "inclusion_needs": list(data["inclusion_needs"]),
            "on_weekdays": "on_weekdays" in availability,
            "in_evenings": "in_evenings" in availability,
            "at_weekends": "at_weekends" in availability,
            "postcode": data["postcode"],
            "languages": data["languages"],
            "private_notes": data["private_notes"],
            "open_to_suggestions": data["open_to_suggestions"],
        }
