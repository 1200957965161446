"""Campaigns: staff plan them (goal, period, themes, opportunities; events are linked from each event), make
tracked short links for newsletters and posters, and read the figures before, during and after the period; the
public sees the campaign's page, and a short link counts one arrival and leads on."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from frivillig.core.charts import BarRow, bar_chart
from frivillig.core.links import absolute_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.events.forms_campaigns import CampaignFilterForm, CampaignForm, CampaignLinkForm
from frivillig.events.models import Campaign, CampaignLink
from frivillig.events.selectors_campaigns import (
    AFTER,
    BEFORE,
    DURING,
    campaign_events,
    campaign_figures,
    campaign_for_staff,
    campaign_links,
    campaign_opportunities,
    campaigns_for_list,
    link_by_code,
    link_targets,
    public_campaign,
    public_opportunities,
    today,
    upcoming_public_events,
)
from frivillig.events.services_campaigns import arrival_count, campaign_link_create, campaign_save
from frivillig.events.views_dialogue import qr_data_uri

PERMISSION = "events.manage_events"


def _to_manage(request, campaign: Campaign):
    return redirect("events:campaign_manage", tenant_slug=request.tenant.slug, pk=campaign.pk)


def short_url(request, link: CampaignLink) -> str:
    return absolute_url(
        reverse("events:short_link", kwargs={"tenant_slug": request.tenant.slug, "code": link.code}), request
    )


@view_permission(PERMISSION)
def campaign_list(request, tenant_slug: str):
    filter_form = CampaignFilterForm(request.GET)
    context = {
        "filter_form": filter_form,
        "page": paginate(request, campaigns_for_list(request.tenant, filter_form.criteria())),
        "filtered": any(value for key, value in request.GET.items() if key != "side"),
    }
    return render_list(request, "events/campaign_list.html", context)


def _save(request, form: CampaignForm, *, created: bool):
    return campaign_save(
        campaign=form.instance,
        themes=form.cleaned_data["themes"],
        opportunities=form.cleaned_data["opportunities"],
        actor=request.user,
        changed=[] if created else form.changed_data,
    )


@view_permission(PERMISSION)
def campaign_create(request, tenant_slug: str):
    form = CampaignForm(request.POST or None, instance=Campaign(tenant=request.tenant), tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        campaign = _save(request, form, created=True)
        messages.success(request, _("The campaign has been created. Link its events from each event's page."))
        return _to_manage(request, campaign)
    return render(request, "events/campaign_form.html", {"form": form, "campaign": None})


@view_permission(PERMISSION)
def campaign_edit(request, tenant_slug: str, pk: int):
    campaign = campaign_for_staff(pk)
    form = CampaignForm(request.POST or None, instance=campaign, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        _save(request, form, created=False)
        messages.success(request, _("The campaign has been saved."))
        return _to_manage(request, campaign)
    if request.method == "POST":
        campaign = campaign_for_staff(pk)
    return render(request, "events/campaign_form.html", {"form": form, "campaign": campaign})


def _chart(figures):
    labels = {BEFORE: _("before"), DURING: _("during"), AFTER: _("after")}
    rows = [
        BarRow(f"{name} – {labels[period]}", numbers[period])
        for name, numbers in figures.rows()
        for period in (BEFORE, DURING, AFTER)
    ]
    return bar_chart(
        caption=_("The campaign's figures before, during and after its period"),
        rows=rows,
        label_heading=_("Figure"),
        value_heading=_("Number"),
        chart_id="kampagnetal",
    )


@view_permission(PERMISSION)
def campaign_manage(request, tenant_slug: str, pk: int):
    campaign = campaign_for_staff(pk)
    links = campaign_links(campaign)
    figures = campaign_figures(campaign, links)
    shown_links = [
        {"figures": figure, "url": short_url(request, figure.link), "qr": qr_data_uri(short_url(request, figure.link))}
        for figure in figures.links
    ]
    context = {
        "campaign": campaign,
        "events": campaign_events(campaign),
        "opportunities": campaign_opportunities(campaign),
        "figures": figures,
        "links": shown_links,
        "chart": _chart(figures),
        "today": today(),
    }
    return render(request, "events/campaign_manage.html", context)


@view_permission(PERMISSION)
def campaign_link_create_view(request, tenant_slug: str, pk: int):
    campaign = campaign_for_staff(pk)
    targets = link_targets(campaign)
    form = CampaignLinkForm(request.POST or None, targets=targets)
    if request.method == "POST" and form.is_valid():
        link = campaign_link_create(
            campaign=campaign,
            label=form.cleaned_data["label"],
            target_path=form.cleaned_data["target"],
            actor=request.user,
        )
        messages.success(
            request,
            _("The link “%(label)s” has been created. Copy it from the list of links, or use its QR code on a poster.")
            % {"label": link.label},
        )
        response = _to_manage(request, campaign)
        response["Location"] += f"#link-{link.pk}"
        return response
    return render(request, "events/campaign_link_form.html", {"campaign": campaign, "form": form})


@view_permission(PUBLIC)
def campaign_detail(request, tenant_slug: str, pk: int):
    campaign = public_campaign(pk)
    context = {
        "campaign": campaign,
        "events": upcoming_public_events(campaign),
        "opportunities": public_opportunities(campaign),
    }
    return render(request, "events/campaign_detail.html", context)


@never_cache
@view_permission(PUBLIC)
def short_link(request, tenant_slug: str, code: str):
    """Counts one arrival and leads on. Nothing about the visitor is read or kept, and no cookie is set: the
    answer is a bare redirect, never cached (each arrival must reach the server to be counted)."""
    link = link_by_code(code)
    if link is None:
        return render(request, "events/campaign_link_not_found.html", status=404)
    target = link.target_path
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        raise Http404
    if request.method == "GET":
        arrival_count(link=link, day=today())
    return redirect(target)


urlpatterns = [
    path("kampagner/", campaign_list, name="campaign_list"),
    path("kampagner/opret/", campaign_create, name="campaign_create"),
    path("kampagner/<int:pk>/", campaign_detail, name="campaign_detail"),
    path("kampagner/<int:pk>/administration/", campaign_manage, name="campaign_manage"),
    path("kampagner/<int:pk>/rediger/", campaign_edit, name="campaign_edit"),
    path("kampagner/<int:pk>/links/nyt/", campaign_link_create_view, name="campaign_link_create"),
    path("k/<str:code>/", short_link, name="short_link"),
]
