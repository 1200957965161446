"""Planning an import: each row of the file checked and matched against the register, before anything is written.

Each row goes through a small form that uses the same validators and normalisation as the register's own
forms (CVR modulus 11, four-digit postcodes, phone numbers as +45, e-mail and web addresses); `import_plan`
adds what only the whole file can tell: duplicates inside the file and which existing records rows update. It
reads the register and writes nothing; `import_run` (services/imports.py) carries out the plan.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.core.validators import normalise_cvr, normalise_phone, validate_cvr, validate_phone, validate_postcode
from frivillig.crm.enums import OrganisationKind, OrganisationRoleKind, Vocabulary
from frivillig.crm.importing import ImportKind, ImportPlan, PlannedRow, Table, column_header, read_table
from frivillig.crm.models import Organisation, Person, Tag
from frivillig.crm.services.imports import StoredImport, import_file_load

if TYPE_CHECKING:
    from frivillig.accounts.models import User
    from frivillig.tenants.models import Tenant

DATE_FORMATS = ["%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y", "%Y-%m-%d"]

# The words people write in Danish spreadsheets; the English labels and the stored codes work too.
DANISH_KINDS = {
    "forening": OrganisationKind.ASSOCIATION,
    "frivillig forening": OrganisationKind.ASSOCIATION,
    "virksomhed": OrganisationKind.BUSINESS,
    "socialøkonomisk virksomhed": OrganisationKind.SOCIAL_ENTERPRISE,
    "kommunal enhed": OrganisationKind.MUNICIPAL_UNIT,
    "fond": OrganisationKind.FOUNDATION,
    "offentlig institution": OrganisationKind.PUBLIC_INSTITUTION,
    "andet": OrganisationKind.OTHER,
}
DANISH_ROLES = {
    "formand": OrganisationRoleKind.CHAIR,
    "næstformand": OrganisationRoleKind.VICE_CHAIR,
    "kasserer": OrganisationRoleKind.TREASURER,
    "bestyrelsesmedlem": OrganisationRoleKind.BOARD_MEMBER,
    "kontaktperson": OrganisationRoleKind.CONTACT_PERSON,
    "frivilligkoordinator": OrganisationRoleKind.VOLUNTEER_COORDINATOR,
    "frivillig koordinator": OrganisationRoleKind.VOLUNTEER_COORDINATOR,
    "ansat": OrganisationRoleKind.EMPLOYEE,
    "medarbejder": OrganisationRoleKind.EMPLOYEE,
    "andet": OrganisationRoleKind.OTHER,
}
YES = {"ja", "j", "yes", "y", "x", "1", "true", "sand"}
NO = {"nej", "n", "no", "0", "false", "falsk"}


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _choice_words(choices: type[models.TextChoices], danish: Mapping[str, str]) -> dict[str, str]:
    """Every way of writing a choice: the code, the English and the Danish label."""
    words: dict[str, str] = dict(danish)
    for value, label in choices.choices:
        words[_key(value)] = value
        words[_key(value.replace("_", " "))] = value
        for language in ("en", "da"):
            with translation.override(language):
                words.setdefault(_key(str(label)), value)
    return words


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class _RowForm(forms.Form):
    """One row of the file. Every field is text first, so any cell can be reported in the file's own words."""

    def check(self, data: dict[str, str]) -> bool:
        """Validate the next row with the same form: making a form per row spends most of its time copying
        the fields, and 5,000 rows should preview in about a second."""
        self.data = data
        self._errors = None
        return self.is_valid()

    def clean_phone(self) -> str:
        value = self.cleaned_data.get("phone") or ""
        validate_phone(value)
        return normalise_phone(value)


def _text(model, name: str, **options) -> forms.CharField:
    return forms.CharField(required=False, max_length=_max_length(model, name), **options)


class OrganisationRowForm(_RowForm):
    name = forms.CharField(max_length=_max_length(Organisation, "name"))
    kind = forms.CharField(required=False)
    cvr = forms.CharField(required=False)
    purpose = forms.CharField(required=False)
    description = forms.CharField(required=False)
    website = forms.URLField(required=False, max_length=_max_length(Organisation, "website"), assume_scheme="https")
    email = forms.EmailField(required=False, max_length=_max_length(Organisation, "email"))
    phone = forms.CharField(required=False)
    address = _text(Organisation, "address")
    postcode = forms.CharField(required=False)
    town = _text(Organisation, "town")
    target_groups = forms.CharField(required=False)
    activity_areas = forms.CharField(required=False)
    member_since = forms.DateField(
        required=False,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": gettext_lazy("Write the date as dd-mm-yyyy, e.g. 01-03-2017.")},
    )
    is_public = forms.CharField(required=False)

    def __init__(self, data, *, tag_words: dict[str, dict[str, Tag]], kind_words: dict[str, str]):
        super().__init__(data)
        self.tag_words = tag_words
        self.kind_words = kind_words

    def clean_kind(self) -> str:
        value = self.cleaned_data.get("kind") or ""
        if not value:
            return ""
        kind = self.kind_words.get(_key(value))
        if kind is None:
            raise ValidationError(
                _("%(value)s is not a kind of organisation we know. Write one of: %(choices)s."),
                params={"value": value, "choices": ", ".join(str(label) for label in OrganisationKind.labels)},
            )
        return kind

    def clean_cvr(self) -> str:
        cvr = normalise_cvr(self.cleaned_data.get("cvr") or "")
        validate_cvr(cvr)
        return cvr

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data.get("postcode") or ""
        validate_postcode(postcode)
        return postcode

    def _tags(self, name: str, vocabulary: str) -> list[Tag]:
        value = self.cleaned_data.get(name) or ""
        words = self.tag_words.get(vocabulary, {})
        chosen, unknown = [], []
        for label in (part.strip() for part in re.split(r"[,;]", value)):
            if not label:
                continue
            tag = words.get(_key(label))
            if tag is None:
                unknown.append(label)
            elif tag not in chosen:
                chosen.append(tag)
        if unknown:
            known = sorted({tag.label for tag in words.values()})
            raise ValidationError(
                _("We do not know %(labels)s. Use the words of the volunteer centre's list: %(known)s."),
                params={"labels": ", ".join(unknown), "known": ", ".join(known)},
            )
        return chosen

    def clean_target_groups(self) -> list[Tag]:
        return self._tags("target_groups", Vocabulary.TARGET_GROUP)

    def clean_activity_areas(self) -> list[Tag]:
        return self._tags("activity_areas", Vocabulary.ACTIVITY_AREA)

    def clean_is_public(self) -> bool | None:
        value = _key(self.cleaned_data.get("is_public") or "")
        if not value:
            return None
        if value in YES:
            return True
        if value in NO:
            return False
        raise ValidationError(_("Write ja or nej."))


class PersonRowForm(_RowForm):
    full_name = forms.CharField(max_length=_max_length(Person, "full_name"))
    email = forms.EmailField(required=False, max_length=_max_length(Person, "email"))
    phone = forms.CharField(required=False)
    department = _text(Person, "department")
    job_title = _text(Person, "job_title")
    organisation = forms.CharField(required=False)
    role = forms.CharField(required=False)

    def __init__(self, data, *, organisations: OrganisationIndex, role_words: dict[str, str]):
        super().__init__(data)
        self.organisations = organisations
        self.role_words = role_words

    def clean_organisation(self) -> int | None:
        value = self.cleaned_data.get("organisation") or ""
        if not value:
            return None
        cvr = normalise_cvr(value)
        if re.fullmatch(r"\d{8}", cvr):
            found = self.organisations.by_cvr.get(cvr)
            matches = [found] if found else []
        else:
            matches = self.organisations.by_name.get(_key(value), [])
        if not matches:
            raise ValidationError(
                _(
                    "There is no organisation %(value)s in the register. Write its name or CVR number as it "
                    "stands in the register, or import the organisation first."
                ),
                params={"value": value},
            )
        if len(matches) > 1:
            raise ValidationError(
                _("Several organisations in the register are called %(value)s. Write the CVR number instead."),
                params={"value": value},
            )
        pk, name, _cvr, archived = matches[0]
        if archived:
            raise ValidationError(
                _("%(name)s is archived. Restore it first, or leave the cell empty."), params={"name": name}
            )
        return pk

    def clean_role(self) -> str:
        value = self.cleaned_data.get("role") or ""
        if not value:
            return ""
        role = self.role_words.get(_key(value))
        if role is None:
            raise ValidationError(
                _("%(value)s is not a role we know. Write one of: %(choices)s."),
                params={"value": value, "choices": ", ".join(str(label) for label in OrganisationRoleKind.labels)},
            )
        return role

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("role") and not self.data.get("organisation") and "organisation" not in self.errors:
            self.add_error("role", _("A role needs an organisation. Fill in the organisation column too."))
        if cleaned.get("organisation") and not cleaned.get("role") and "role" not in self.errors:
            cleaned["role"] = OrganisationRoleKind.CONTACT_PERSON
        return cleaned


class OrganisationIndex:
    """The tenant's organisations by CVR and by name, read in one query: rows are matched without more queries."""

    def __init__(self, tenant):
        self.by_cvr: dict[str, tuple] = {}
        self.by_name: dict[str, list[tuple]] = defaultdict(list)
        rows = Organisation.objects.filter(tenant=tenant).values_list("pk", "name", "cvr", "archived_at")
        for pk, name, cvr, archived_at in rows:
            entry = (pk, name, cvr, archived_at is not None)
            if cvr:
                self.by_cvr[cvr] = entry
            self.by_name[_key(name)].append(entry)


def _tag_words(tenant) -> dict[str, dict[str, Tag]]:
    words: dict[str, dict[str, Tag]] = defaultdict(dict)
    queryset = Tag.objects.filter(
        tenant=tenant, is_active=True, vocabulary__in=[Vocabulary.TARGET_GROUP, Vocabulary.ACTIVITY_AREA]
    )
    for tag in queryset:
        for word in (tag.slug, tag.label_en, tag.label_da):
            if word:
                words[tag.vocabulary][_key(word)] = tag
    return words


def _row_error(plan_headers: dict[str, str], kind: str, number: int, field_name: str, message) -> str:
    column = plan_headers.get(field_name) or column_header(kind, field_name)
    return _("Row %(row)s, column %(column)s: %(message)s") % {"row": number, "column": column, "message": message}


def _filled(form: forms.Form, raw: dict[str, str]) -> dict:
    """Only the cells that are filled in: an empty cell never erases what the register already holds."""
    return {name: value for name, value in form.cleaned_data.items() if (raw.get(name) or "").strip()}


def import_plan(*, tenant: Tenant, table: Table) -> ImportPlan:
    """Validate every row and decide what it will do. Reads the register but writes nothing."""
    plan = ImportPlan(kind=table.kind, headers=table.headers, rows=[], ignored=table.ignored)
    if table.kind == ImportKind.ORGANISATIONS:
        _plan_organisations(plan, tenant, table)
    else:
        _plan_people(plan, tenant, table)
    return plan


def _add_form_errors(plan: ImportPlan, row: PlannedRow, form: forms.Form) -> None:
    for name, errors in form.errors.items():
        for message in errors:
            row.errors.append(_row_error(plan.headers, plan.kind, row.number, name, message))


def _plan_organisations(plan: ImportPlan, tenant, table: Table) -> None:
    index = OrganisationIndex(tenant)
    tag_words = _tag_words(tenant)
    kind_words = _choice_words(OrganisationKind, DANISH_KINDS)
    seen_keys: dict[tuple[str, str], int] = {}
    seen_targets: dict[int, int] = {}
    form = OrganisationRowForm({}, tag_words=tag_words, kind_words=kind_words)
    for number, raw in table.rows:
        row = PlannedRow(number=number, raw=raw)
        plan.rows.append(row)
        if not form.check(raw):
            _add_form_errors(plan, row, form)
            continue
        row.values = _filled(form, raw)
        cvr, name = form.cleaned_data["cvr"], form.cleaned_data["name"]
        key, column = (("cvr", cvr), "cvr") if cvr else (("name", _key(name)), "name")
        if key in seen_keys:
            message = (
                _("The same CVR number is also in row %(row)s.")
                if cvr
                else _("An organisation with the same name and no CVR number is also in row %(row)s.")
            )
            row.errors.append(_row_error(plan.headers, plan.kind, number, column, message % {"row": seen_keys[key]}))
            continue
        seen_keys[key] = number

        # A CVR number identifies an organisation; without one (or when the register has the organisation
        # without its CVR number yet) the name does, if exactly one organisation has it.
        target = index.by_cvr.get(cvr) if cvr else None
        if target is None:
            candidates = [entry for entry in index.by_name.get(_key(name), []) if not cvr or not entry[2]]
            if len(candidates) > 1:
                message = _(
                    "%(count)s organisations in the register are called %(name)s. Add the CVR number, "
                    "or merge the duplicates first."
                ) % {"count": len(candidates), "name": name}
                row.errors.append(_row_error(plan.headers, plan.kind, number, "name", message))
                continue
            target = candidates[0] if candidates else None
        if target is not None:
            if target[0] in seen_targets:
                message = _("This is the same organisation as in row %(row)s.") % {"row": seen_targets[target[0]]}
                row.errors.append(_row_error(plan.headers, plan.kind, number, column, message))
                continue
            seen_targets[target[0]] = number
            row.target_id, row.target_label, row.target_archived = target[0], target[1], target[3]


def _plan_people(plan: ImportPlan, tenant, table: Table) -> None:
    organisations = OrganisationIndex(tenant)
    role_words = _choice_words(OrganisationRoleKind, DANISH_ROLES)
    people_by_email: dict[str, list[tuple]] = defaultdict(list)
    for pk, name, email, archived_at in (
        Person.objects.filter(tenant=tenant).exclude(email="").values_list("pk", "full_name", "email", "archived_at")
    ):
        people_by_email[email.casefold()].append((pk, name, archived_at is not None))
    organisation_names = {entry[0]: entry[1] for entries in organisations.by_name.values() for entry in entries}
    seen_emails: dict[str, int] = {}
    form = PersonRowForm({}, organisations=organisations, role_words=role_words)
    for number, raw in table.rows:
        row = PlannedRow(number=number, raw=raw)
        plan.rows.append(row)
        if not form.check(raw):
            _add_form_errors(plan, row, form)
            continue
        row.values = _filled(form, raw)
        if form.cleaned_data.get("organisation"):
            row.values["role"] = form.cleaned_data["role"]
            row.values["organisation_name"] = organisation_names.get(form.cleaned_data["organisation"], "")
        email = (form.cleaned_data.get("email") or "").casefold()
        if not email:
            continue
        if email in seen_emails:
            message = _("The same e-mail address is also in row %(row)s.") % {"row": seen_emails[email]}
            row.errors.append(_row_error(plan.headers, plan.kind, number, "email", message))
            continue
        seen_emails[email] = number
        matches = people_by_email.get(email, [])
        if len(matches) > 1:
            message = _("%(count)s people in the register have this e-mail address. Merge them first.") % {
                "count": len(matches)
            }
            row.errors.append(_row_error(plan.headers, plan.kind, number, "email", message))
        elif matches:
            row.target_id, row.target_label, row.target_archived = matches[0]


def import_plan_stored(*, token: str, tenant: Tenant, user: User) -> tuple[StoredImport, ImportPlan]:
    """The stored upload that `token` names, read and planned against the register as it is now.

    Raises StoredImportMissing (no such file waiting for this person) or ImportFileError (it can no longer be read)."""
    stored, content = import_file_load(token=token, tenant=tenant, user=user)
    return stored, import_plan(tenant=tenant, table=read_table(content, stored.filename, stored.kind))
