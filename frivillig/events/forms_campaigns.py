"""Forms of campaigns: the list's filter, a campaign's settings and a new short link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.events.models import Campaign
from frivillig.events.selectors_campaigns import CampaignFilter, opportunities_to_link, themes

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ThemesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.label


class OpportunitiesField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.organisation.name}, {obj.get_status_display().lower()})"


class CampaignFilterForm(forms.Form):
    """The list's GET parameters. A value that does not validate is ignored, never an error page."""

    soeg = forms.CharField(
        label=_("Search in titles and goals"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    synlig = forms.ChoiceField(
        label=_("Public page"),
        required=False,
        choices=[("", _("All")), ("ja", _("Published")), ("nej", _("Not published"))],
    )

    def criteria(self) -> CampaignFilter:
        if not self.is_valid():
            return CampaignFilter()
        return CampaignFilter(
            search=self.cleaned_data["soeg"].strip(),
            published={"ja": True, "nej": False}.get(self.cleaned_data["synlig"]),
        )


class CampaignForm(forms.ModelForm):
    themes = ThemesField(label=_("Themes"), required=False, queryset=None)
    opportunities = OpportunitiesField(
        label=_("Volunteer opportunities"),
        required=False,
        queryset=None,
        help_text=_("The opportunities the campaign recruits for. Its events are linked on each event's page."),
    )

    class Meta:
        model = Campaign
        fields = ["title", "goal", "description", "starts_on", "ends_on", "themes", "opportunities", "is_published"]
        widgets = {
            "starts_on": DATE_WIDGET,
            "ends_on": DATE_WIDGET,
            "goal": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"goal": _("Goal in words"), "starts_on": _("First day"), "ends_on": _("Last day")}
        help_texts = {
            "goal": _("What the campaign should achieve, e.g. “20 new volunteers for the visiting service”."),
            "is_published": _("The campaign's page shows the goal, the period, its upcoming events and opportunities."),
        }

    def __init__(self, *args, tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = themes(tenant)
        self.fields["opportunities"].queryset = opportunities_to_link(tenant)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned


class CampaignLinkForm(forms.Form):
    label = forms.CharField(
        label=_("Where the link is used"),
        max_length=150,
        help_text=_("E.g. “Newsletter, March” or “Poster at the library”. The figures are shown per link."),
    )
    target = forms.ChoiceField(label=_("The link leads to"), choices=(), widget=forms.RadioSelect)

    def __init__(self, *args, targets: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets
        if targets:
            self.fields["target"].initial = targets[0][0]

    def clean_label(self) -> str:
        return " ".join(self.cleaned_data["label"].split())
