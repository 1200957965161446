from django import forms

from frivillig.communication.models import ContentPage


class ContentPageForm(forms.ModelForm):
    class Meta:
        model = ContentPage
        fields = ["body_da", "body_en"]
        widgets = {"body_da": forms.Textarea({"rows": 18}), "body_en": forms.Textarea({"rows": 18})}
