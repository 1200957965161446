from django import forms

from frivillig.communication.models import ContentPage


class ContentPageForm(forms.ModelForm):
    class Meta:
        model = ContentPage
        fields = ["body_da", "body_en"]
        widgets = {"body_da": forms.Textarea({"rows": 18}), "body_en": forms.Textarea({"rows": 18})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The English text may stay empty: English visitors then see the Danish one (ContentPage.body).
        self.fields["body_en"].required = False
