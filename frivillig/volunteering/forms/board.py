from django import forms

from frivillig.volunteering.enums import Commitment
from frivillig.volunteering.selectors.board import BOARD_SORTS, MAX_SEARCH_LENGTH, WHEN_FIELDS, BoardFilter


class BoardFilterForm(forms.Form):
    """Reads the board's filters from the URL (GET), so that a search can be shared as a link.

    Nothing here is ever shown as an error: the values come from links and address bars, so a value that is not
    valid is simply left out and the rest of the search still applies.
    """

    soeg = forms.CharField(required=False)
    kommune = forms.SlugField(required=False, max_length=50)
    maalgruppe = forms.SlugField(required=False, max_length=60)
    omraade = forms.SlugField(required=False, max_length=60)
    inklusion = forms.SlugField(required=False, max_length=60)
    omfang = forms.ChoiceField(required=False, choices=[("", ""), *Commitment.choices])
    hvornaar = forms.ChoiceField(required=False, choices=[("", ""), *((key, key) for key in WHEN_FIELDS)])
    # Checkboxes: "1" when ticked; anything else is no filter.
    hjemme = forms.ChoiceField(required=False, choices=[("1", "1")])
    ny = forms.ChoiceField(required=False, choices=[("1", "1")])
    sorter = forms.ChoiceField(required=False, choices=[(key, key) for key in BOARD_SORTS])

    def __init__(self, data=None, *, national: bool = False):
        super().__init__(data if data is not None else {})
        self.national = national

    def clean_soeg(self) -> str:
        # Longer queries are cut rather than refused: the first words are what the visitor meant.
        return " ".join(self.cleaned_data["soeg"].split())[:MAX_SEARCH_LENGTH]

    def criteria(self) -> BoardFilter:
        self.is_valid()
        value = self.cleaned_data.get
        return BoardFilter(
            search=value("soeg") or "",
            municipality=(value("kommune") or "") if self.national else "",
            target_group=value("maalgruppe") or "",
            activity_area=value("omraade") or "",
            inclusion=value("inklusion") or "",
            commitment=value("omfang") or "",
            when=value("hvornaar") or "",
            remote=value("hjemme") == "1",
            new=value("ny") == "1",
            sort=value("sorter") or BOARD_SORTS[0],
        )
