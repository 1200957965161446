"""The import's upload form: it checks the file (its type, its size, that it can be read as a table) and
nothing else. What each row means for the register is planned by `crm.services.import_plan`."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.crm.importing import FILE_SUFFIXES, MAX_FILE_BYTES, ImportFileError, ImportKind, Table, read_table


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What does the file contain?"),
        choices=ImportKind.choices,
        initial=ImportKind.ORGANISATIONS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("A CSV file or an Excel workbook (.xlsx) of at most 5 MB and 5,000 rows."),
        widget=forms.FileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name or "").suffix.lower() not in FILE_SUFFIXES:
            raise ValidationError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."), code="file_type")
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(_("The file is too large. It may be at most 5 MB."), code="file_too_large")
        if upload.size == 0:
            raise ValidationError(_("The file is empty."), code="file_empty")
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, kind = cleaned.get("file"), cleaned.get("kind")
        self.table: Table | None = None
        self.content = b""
        if upload is not None and kind:
            upload.seek(0)
            self.content = upload.read(MAX_FILE_BYTES + 1)
            try:
                self.table = read_table(self.content, upload.name, kind)
            except ImportFileError as error:
                self.add_error("file", str(error))
        return cleaned

    @property
    def filename(self) -> str:
        return PurePath(self.cleaned_data["file"].name or "").name[:100]
