"""Forms for following a plan: the day to read it as of, a value entered by hand with its evidence, the story
behind a number, and the tenant's settings for the status rules."""

from __future__ import annotations

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frivillig.core.uploads import ANY_IMAGE, check_image
from frivillig.strategy.models import StrategySettings, Target

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"]

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
# What evidence may be: a PDF, a picture, or an office document (Word, Excel, PowerPoint, OpenDocument). Each is
# recognised by its first bytes as well as its name, so a page or a program renamed to .pdf is refused.
PDF_SUFFIXES = {".pdf"}
ZIP_OFFICE_SUFFIXES = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}
OLD_OFFICE_SUFFIXES = {".doc", ".xls", ".ppt"}
EVIDENCE_SUFFIXES = PDF_SUFFIXES | ZIP_OFFICE_SUFFIXES | OLD_OFFICE_SUFFIXES | ANY_IMAGE.suffixes
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _evidence_invalid() -> ValidationError:
    return ValidationError(
        _(
            "The file cannot be used as evidence. Upload a PDF, a picture (JPEG, PNG or WebP) or an office document "
            "(Word, Excel, PowerPoint or OpenDocument)."
        ),
        code="evidence_invalid",
    )


def validate_evidence_file(upload) -> None:
    if upload.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(_("The file is too large. It may be at most 10 MB."), code="evidence_too_large")
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in EVIDENCE_SUFFIXES:
        raise _evidence_invalid()
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix in PDF_SUFFIXES:
        ok = head.startswith(b"%PDF-")
    elif suffix in ZIP_OFFICE_SUFFIXES:
        ok = head.startswith(ZIP_MAGIC)
    elif suffix in OLD_OFFICE_SUFFIXES:
        ok = head == OLE_MAGIC
    else:
        try:
            check_image(upload)
        except ValidationError:
            raise _evidence_invalid() from None
        ok = True
    if not ok:
        raise _evidence_invalid()


class AsOfForm(forms.Form):
    """The day the dashboard reads the plan as of (today when none is given)."""

    dato = forms.DateField(
        label=_("Status as of"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("Read the plan as it stood on an earlier day, e.g. 31.12.2017 for the status report of 2017."),
    )


class ManualValueForm(forms.Form):
    value = forms.DecimalField(
        label=pgettext_lazy("following", "Value"), max_digits=12, decimal_places=2, localize=True
    )
    measured_on = forms.DateField(
        label=_("Measured on"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=_("The day the value was true, e.g. the day of the meeting or of the count."),
    )
    note = forms.CharField(
        label=pgettext_lazy("following", "Evidence"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How the value was found: a count, minutes of a meeting, a survey. Do not name citizens."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("A PDF, a picture or an office document of at most 10 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(sorted(EVIDENCE_SUFFIXES))},
        ),
    )

    def __init__(self, *args, target: Target, **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            validate_evidence_file(upload)
        return upload or None

    def clean_measured_on(self):
        measured_on = self.cleaned_data["measured_on"]
        if measured_on < self.target.starts_on:
            raise ValidationError(
                _("The target is measured from %(date)s: a value measured before that does not count."),
                code="before_period",
                params={"date": self.target.starts_on.strftime("%d.%m.%Y")},
            )
        return measured_on


class StoryForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["story"]
        labels = {"story": pgettext_lazy("following", "The story behind the number")}
        help_texts = {
            "story": _(
                "A few sentences on what lies behind the figure: what went well, what got in the way, what happens "
                "next. It is carried into the status report."
            )
        }
        widgets = {"story": forms.Textarea(attrs={"rows": 8})}


class StrategySettingsForm(forms.ModelForm):
    class Meta:
        model = StrategySettings
        fields = ["on_track_percent", "manual_stale_days"]
        labels = {
            "on_track_percent": _("On track at this share of the pace (per cent)"),
            "manual_stale_days": _("A value entered by hand is old after (days)"),
        }
        help_texts = {
            "on_track_percent": _(
                "A number to reach is on track while it is at least this share of where the pace says it should be "
                "by now, and at risk below it. Between 50 and 100."
            ),
            "manual_stale_days": _(
                "A target entered by hand is flagged when its latest value was measured longer ago than this, so "
                "that it is brought up to date. At least 7 days."
            ),
        }

    def clean_on_track_percent(self):
        value = self.cleaned_data["on_track_percent"]
        if not 50 <= value <= 100:
            raise ValidationError(_("Write a share between 50 and 100 per cent."), code="percent_range")
        return value

    def clean_manual_stale_days(self):
        value = self.cleaned_data["manual_stale_days"]
        if value < 7:
            raise ValidationError(_("Write at least 7 days."), code="stale_days_min")
        return value
