"""Dialogue meetings' input: staff register and follow up ideas and concerns, participants add theirs from a link
on their phones during the meeting, and the summary ("opsamling") is printed as a PDF and may be published on the
event's public page."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from frivillig.core import throttle
from frivillig.core.honeypot import HONEYPOT_FIELD
from frivillig.core.links import absolute_url
from frivillig.core.listing import render_list
from frivillig.core.pagination import paginate
from frivillig.core.pdf import pdf_response
from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.core.throttle import address_key, client_address
from frivillig.events.forms_dialogue import (
    FollowUpForm,
    InputFilterForm,
    ParticipantInputForm,
    StaffInputForm,
    SummaryForm,
)
from frivillig.events.models import Event
from frivillig.events.selectors import event_for_staff
from frivillig.events.selectors_dialogue import (
    event_for_input,
    input_is_open,
    input_of,
    input_window,
    inputs_for_list,
    inputs_for_summary,
    status_counts,
)
from frivillig.events.services_dialogue import input_add, input_add_by_participant, input_follow_up, summary_save

PERMISSION = "events.manage_events"
INPUT_THROTTLE = "dialogue-input"
# A meeting room often shares one network address (the venue's wifi): the limit is per address and generous, enough
# for a full room, and stops only a script.
INPUTS_PER_ADDRESS_PER_HOUR = 60


def _to_list(request, event: Event):
    return redirect("events:input_list", tenant_slug=request.tenant.slug, pk=event.pk)


def _participant_url(request, event: Event) -> str:
    return absolute_url(
        reverse(
            "events:input_participant",
            kwargs={"tenant_slug": request.tenant.slug, "pk": event.pk, "token": event.input_token},
        ),
        request,
    )


def qr_data_uri(text: str) -> str:
    """A QR code of `text` as an SVG `data:` address, for an <img> on the page and in print (the CSP allows data:
    images)."""
    return segno.make(text, error="m").svg_data_uri(scale=6, border=2)


@view_permission(PERMISSION)
def input_list(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    summary_form = SummaryForm(
        request.POST if request.method == "POST" else None,
        initial={"summary": event.summary, "summary_published": event.summary_published},
    )
    if request.method == "POST" and summary_form.is_valid():
        summary_save(
            event=event,
            summary=summary_form.cleaned_data["summary"],
            published=summary_form.cleaned_data["summary_published"],
            actor=request.user,
        )
        if event.summary_published:
            messages.success(request, _("The summary has been saved and is shown on the event's public page."))
        else:
            messages.success(request, _("The summary has been saved. It is not shown on the event's public page."))
        return _to_list(request, event)
    filter_form = InputFilterForm(request.GET, tenant=request.tenant)
    participant_url = _participant_url(request, event)
    context = {
        "event": event,
        "filter_form": filter_form,
        "page": paginate(request, inputs_for_list(event, filter_form.criteria())),
        "filtered": any(value for key, value in request.GET.items() if key != "side"),
        "counts": status_counts(event),
        "summary_form": summary_form,
        "participant_url": participant_url,
        "participant_qr": qr_data_uri(participant_url),
        "window": input_window(event),
    }
    return render_list(request, "events/dialogue_input_list.html", context)


@view_permission(PERMISSION)
def input_create(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    form = StaffInputForm(request.POST or None, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        values = form.cleaned_data
        input_add(event=event, kind=values["kind"], text=values["text"], theme=values["theme"], actor=request.user)
        messages.success(request, _("The input has been added."))
        if "another" in request.POST:
            return redirect("events:input_create", tenant_slug=request.tenant.slug, pk=event.pk)
        return _to_list(request, event)
    return render(request, "events/dialogue_input_form.html", {"event": event, "form": form})


@view_permission(PERMISSION)
def input_edit(request, tenant_slug: str, pk: int, input_pk: int):
    event = event_for_staff(pk)
    dialogue_input = input_of(event, input_pk)
    if dialogue_input is None:
        raise Http404
    initial = {
        "kind": dialogue_input.kind,
        "theme": dialogue_input.theme,
        "text": dialogue_input.text,
        "responsible": dialogue_input.responsible,
        "follow_up_status": dialogue_input.follow_up_status,
        "answer": dialogue_input.answer,
    }
    form = FollowUpForm(request.POST or None, initial=initial, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        input_follow_up(dialogue_input=dialogue_input, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The input's follow-up has been saved."))
        return _to_list(request, event)
    return render(
        request, "events/dialogue_input_edit.html", {"event": event, "form": form, "dialogue_input": dialogue_input}
    )


@view_permission(PERMISSION)
def input_summary_pdf(request, tenant_slug: str, pk: int):
    event = event_for_staff(pk)
    context = {"event": event, "inputs": inputs_for_summary(event), "counts": status_counts(event)}
    return pdf_response(request, "events/dialogue_summary_pdf.html", context, filename=f"opsamling-{event.pk}")


@view_permission(PUBLIC)
def input_participant(request, tenant_slug: str, pk: int, token: str):
    event = event_for_input(pk, token)
    if event is None:
        return render(request, "events/dialogue_participant_not_found.html", status=404)
    opens, closes = input_window(event)
    context = {"event": event, "opens": opens, "closes": closes, "honeypot": HONEYPOT_FIELD}
    if not input_is_open(event):
        return render(request, "events/dialogue_participant_closed.html", context)
    form = ParticipantInputForm(request.POST or None, tenant=request.tenant)
    context["form"] = form
    if request.method != "POST":
        return render(request, "events/dialogue_participant.html", context)
    if form.is_robot():
        # Looks like success, saves nothing: a robot learns nothing from the answer.
        return _thanks(request, event)
    if not form.is_valid():
        return render(request, "events/dialogue_participant.html", context)
    address = address_key(client_address(request))
    if not throttle.attempt(INPUT_THROTTLE, address, limit=INPUTS_PER_ADDRESS_PER_HOUR, window=3600):
        context["throttled"] = True
        return render(request, "events/dialogue_participant.html", context, status=429)
    values = form.cleaned_data
    input_add_by_participant(event=event, kind=values["kind"], text=values["text"], theme=values["theme"])
    return _thanks(request, event)


def _thanks(request, event: Event):
    messages.success(request, _("Thank you. Your input has been added to the meeting. You are welcome to add more."))
    return redirect("events:input_participant", tenant_slug=request.tenant.slug, pk=event.pk, token=event.input_token)


urlpatterns = [
    path("arrangementer/<int:pk>/input/", input_list, name="input_list"),
    path("arrangementer/<int:pk>/input/nyt/", input_create, name="input_create"),
    path("arrangementer/<int:pk>/input/<int:input_pk>/", input_edit, name="input_edit"),
    path("arrangementer/<int:pk>/input/del/<str:token>/", input_participant, name="input_participant"),
    path("arrangementer/<int:pk>/opsamling.pdf", input_summary_pdf, name="input_summary_pdf"),
]
