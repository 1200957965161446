from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.crm.models import SavedFilter


class SavedFilterForm(forms.Form):
    """The name a filter of the organisation list is saved under (new, or renamed); its criteria come from the
    list's own filter form."""

    name = forms.CharField(
        label=_("Name of the filter"),
        max_length=100,
        help_text=_("For example “Sports clubs for children”. Your colleagues see the filter under this name."),
        error_messages={"required": _("Give the filter a name.")},
    )

    def __init__(self, data=None, *, tenant, instance: SavedFilter | None = None):
        initial = {"name": instance.name} if instance is not None else None
        super().__init__(data, initial=initial)
        self.tenant = tenant
        self.instance = instance

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"], code="required")
        if self.name_is_taken(name):
            raise self.taken_error(name)
        return name

    def name_is_taken(self, name: str) -> bool:
        # Compared in Python: SQLite folds only ASCII letters, so "Ældre" and "ældre" would pass a database check.
        others = SavedFilter.objects.filter(tenant=self.tenant)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        return name.casefold() in {other.casefold() for other in others.values_list("name", flat=True)}

    @staticmethod
    def taken_error(name: str) -> forms.ValidationError:
        return forms.ValidationError(
            _("There is already a saved filter called “%(name)s”. Choose another name."),
            code="duplicate",
            params={"name": name},
        )
