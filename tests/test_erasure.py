"""Erasure: a person's records deleted or anonymised as the register of personal data says (issue 12)."""

import pytest

from frivillig.core.erasure import ErasureError, erase_rows
from frivillig.core.models import AuditEntry
from frivillig.core.privacy import ERASED_TEXT
from frivillig.core.scoping import unscoped
from frivillig.core.services import log_action
from frivillig.testing import make_opportunity


def _application(personas, **fields):
    from frivillig.volunteering.models import Application, ApplicationEvent, ApplicationNote

    values = {
        "tenant": personas.tenant,
        "opportunity": make_opportunity(personas.organisation),
        "full_name": "Zacharias Quintilian",
        "email": "zq.erase@example.org",
        "phone": "+45 12 34 99 87",
        "message": "Hej fra Zacharias",
        "status": "declined",
    }
    values.update(fields)
    with unscoped("Test data."):
        application = Application.objects.create(**values)
        ApplicationEvent.objects.create(
            tenant=application.tenant, application=application, to_status="declined", message="Kære Zacharias"
        )
        ApplicationNote.objects.create(tenant=application.tenant, application=application, text="Zacharias ringede")
    log_action("volunteering.application.declined", tenant=application.tenant, target=application)
    return application


def test_erase_rows_anonymises_applications_and_keeps_their_statistics(personas):
    from frivillig.volunteering.models import Application, ApplicationEvent, ApplicationNote

    application = _application(personas)
    other = _application(personas, opportunity=application.opportunity, email="zq.other@example.org")
    with unscoped("Test reads."):
        rows = Application.objects.filter(pk__in=[application.pk, other.pk])
        assert erase_rows("volunteering.Application", rows, reason="retention") == 2
        application.refresh_from_db()
        other.refresh_from_db()
        assert (application.full_name, application.phone, application.message, application.user) == (
            ERASED_TEXT,
            "",
            "",
            None,
        )
        assert application.email == f"slettet-{application.pk}@example.invalid"
        assert other.email != application.email
        assert (application.opportunity_id, application.status) == (other.opportunity_id, "declined")
        # Rows that belong to the application follow their own declarations only when the person is erased.
        assert ApplicationEvent.objects.filter(application=application).exists()
        assert ApplicationNote.objects.filter(application=application).exists()
        entry = AuditEntry.objects.filter(target_type="volunteering.application", target_id=str(application.pk)).get()
        logged = AuditEntry.objects.filter(code="core.personal_data.erased").get()
    assert entry.target_label == "" and entry.code == "volunteering.application.declined"
    assert logged.data == {
        "model": "volunteering.application",
        "erasure": "anonymise",
        "rows": 2,
        "reason": "retention",
    }


def test_erase_rows_deletes_where_the_register_says_delete(personas):
    from frivillig.volunteering.models import ApplicationNote

    application = _application(personas)
    with unscoped("Test reads."):
        notes = ApplicationNote.objects.filter(application=application)
        assert erase_rows("volunteering.ApplicationNote", notes, reason="test") == 1
        assert not ApplicationNote.objects.filter(application=application).exists()


def test_erase_rows_needs_a_declared_model_and_a_reason(personas):
    with pytest.raises(ErasureError):
        erase_rows("crm.Tag", AuditEntry.objects.none(), reason="test")
    with pytest.raises(ErasureError):
        erase_rows("volunteering.Application", AuditEntry.objects.none(), reason=" ")
