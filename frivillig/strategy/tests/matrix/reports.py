"""The yearly status report: the staff who write and follow plans; the public strategy pages and the published
versions of a public plan's reports: everyone."""

from datetime import date
from decimal import Decimal

from django_scopes import scope

from frivillig.strategy.models import ManualValue
from frivillig.strategy.services_reports import report_create, report_publish
from frivillig.strategy.tests.helpers import make_goal, make_initiative, make_plan, make_target
from frivillig.tenants.enums import Role
from frivillig.testing import public_tenant_page, tenant_roles

STAFF = (Role.CENTRE_STAFF, Role.MUNICIPAL_STAFF, Role.TENANT_ADMIN)
PLAN = {"pk": "{strategy_reports_plan}"}
REPORT = {"pk": "{strategy_reports_report}"}
VERSION = {**REPORT, "number": "1"}
PUBLIC_VERSION = {**PLAN, "year": "2017", "number": "1"}

CASES = {
    "strategy:report_list": tenant_roles(*STAFF, kwargs=dict(PLAN)),
    "strategy:report_create": tenant_roles(*STAFF, status=302, method="post", kwargs=dict(PLAN), data={"year": "2018"}),
    "strategy:report_detail": tenant_roles(*STAFF, kwargs=dict(REPORT)),
    "strategy:report_edit": tenant_roles(*STAFF, kwargs=dict(REPORT)),
    "strategy:report_pdf": tenant_roles(*STAFF, kwargs=dict(REPORT)),
    "strategy:report_publish": tenant_roles(*STAFF, kwargs=dict(REPORT)),
    "strategy:report_version": tenant_roles(*STAFF, kwargs=dict(VERSION)),
    "strategy:report_version_pdf": tenant_roles(*STAFF, kwargs=dict(VERSION)),
    "strategy:public_plans": public_tenant_page(),
    "strategy:public_plan": public_tenant_page(kwargs=dict(PLAN)),
    "strategy:public_report_version": public_tenant_page(kwargs=dict(PUBLIC_VERSION)),
    "strategy:public_report_version_pdf": public_tenant_page(kwargs=dict(PUBLIC_VERSION)),
}


def objects(personas) -> dict:
    plan = make_plan(personas.tenant, title="Offentlig strategi 2017-2018", is_public=True)
    goal = make_goal(plan, title="Flere frivillige")
    initiative = make_initiative(goal, title="Kursus i rekruttering")
    target = make_target(goal, initiative=initiative, title="Mindst 3 kurser holdt", target_value=Decimal(3))
    with scope(tenant=personas.tenant):
        ManualValue.objects.create(
            tenant=plan.tenant, target=target, value=Decimal(2), measured_on=date(2017, 10, 1), note="Kursuslister"
        )
        report = report_create(plan=plan, year=2017, actor=None)
        report_publish(report=report, note="", actor=None)
    return {"strategy_reports_plan": plan.pk, "strategy_reports_report": report.pk}
