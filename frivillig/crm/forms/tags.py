from django import forms
from django.utils.translation import gettext_lazy as _

from frivillig.crm.models import Tag


class TagForm(forms.ModelForm):
    """A word in one vocabulary. Neither its key (slug) nor its place in the list is here: the service makes the
    key from the Danish label, a new word goes last, and the list page moves words up and down."""

    class Meta:
        model = Tag
        fields = ["label_da", "label_en", "is_active"]
        help_texts = {
            "label_en": _("Shown to people who use the site in English. Leave empty to show the Danish word."),
            "is_active": _(
                "A word that is not in use is no longer offered, but stays on the organisations that have it."
            ),
        }

    def __init__(self, *args, tenant, vocabulary: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.tenant = tenant
        self.vocabulary = vocabulary
        self.fields["label_en"].required = False
        if self.instance.pk is None:
            self.initial.setdefault("is_active", True)

    def clean_label_da(self) -> str:
        label = " ".join(self.cleaned_data["label_da"].split())
        # Compared in Python: SQLite folds only ASCII letters, so "ældre" and "Ældre" would pass a database check.
        others = Tag.objects.filter(tenant=self.tenant, vocabulary=self.vocabulary).exclude(pk=self.instance.pk)
        existing = {name.casefold() for name in others.values_list("label_da", flat=True)}
        if label.casefold() in existing:
            raise forms.ValidationError(
                _("The list already has the word “%(label)s”. Edit that word instead (it may be out of use)."),
                code="duplicate",
                params={"label": label},
            )
        return label

    def clean_label_en(self) -> str:
        return " ".join(self.cleaned_data["label_en"].split())
