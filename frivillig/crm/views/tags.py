"""The tenant admin's pages for the tag vocabularies: the lists of words, add a word, edit a word, move a word up
or down its list."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frivillig.core.permissions import view_permission
from frivillig.crm.enums import Vocabulary
from frivillig.crm.forms.tags import TagForm
from frivillig.crm.models import Tag
from frivillig.crm.selectors.tag_admin import USAGE_THROUGH, tags_for_admin
from frivillig.crm.services.tags import MOVES, tag_create, tag_move, tag_update

# (heading, what the words are used for) per vocabulary, in the order of the page.
SECTIONS = {
    Vocabulary.TARGET_GROUP: (
        gettext_lazy("Target groups"),
        gettext_lazy("Who an organisation works for. Shown on organisations and in the public directory."),
    ),
    Vocabulary.ACTIVITY_AREA: (
        gettext_lazy("Activity areas"),
        gettext_lazy("What an organisation does. Shown on organisations and in the public directory."),
    ),
    Vocabulary.SKILL: (
        gettext_lazy("Skills"),
        gettext_lazy("What volunteers can offer and what volunteer jobs ask for."),
    ),
    Vocabulary.THEME: (
        gettext_lazy("Themes"),
        gettext_lazy("The topics of the centre's meetings, calls and advice sessions."),
    ),
    Vocabulary.INCLUSION: (
        gettext_lazy("Inclusion"),
        gettext_lazy("Whom a volunteer job suits, for example people with little Danish."),
    ),
}


@dataclass
class VocabularySection:
    value: str
    heading: str
    description: str
    counts_usage: bool
    words: list[Tag] = field(default_factory=list)


@view_permission("crm.manage_tags")
def tag_list(request, tenant_slug: str):
    sections = {
        vocabulary.value: VocabularySection(vocabulary.value, *SECTIONS[vocabulary], vocabulary in USAGE_THROUGH)
        for vocabulary in Vocabulary
    }
    for tag in tags_for_admin(request.tenant):
        section = sections.get(tag.vocabulary)
        if section is None:
            continue
        if tag.vocabulary == Vocabulary.TARGET_GROUP:
            tag.usage = tag.target_group_usage
        elif tag.vocabulary == Vocabulary.ACTIVITY_AREA:
            tag.usage = tag.activity_area_usage
        section.words.append(tag)
    return render(request, "crm/tag_list.html", {"sections": list(sections.values())})


def _list_url(request, vocabulary: str) -> str:
    return reverse("crm:tag_list", kwargs={"tenant_slug": request.tenant.slug}) + f"#{vocabulary}"


@view_permission("crm.manage_tags")
def tag_create_view(request, tenant_slug: str, vocabulary: str):
    if vocabulary not in Vocabulary.values:
        raise Http404
    vocabulary = Vocabulary(vocabulary)
    form = TagForm(
        request.POST or None,
        instance=Tag(tenant=request.tenant, vocabulary=vocabulary),
        tenant=request.tenant,
        vocabulary=vocabulary,
    )
    if request.method == "POST" and form.is_valid():
        tag = tag_create(
            tenant=request.tenant,
            vocabulary=vocabulary,
            label_da=form.cleaned_data["label_da"],
            label_en=form.cleaned_data["label_en"],
            is_active=form.cleaned_data["is_active"],
            actor=request.user,
        )
        messages.success(
            request,
            _("The word “%(label)s” has been added to the list “%(vocabulary)s”.")
            % {"label": tag.label_da, "vocabulary": SECTIONS[vocabulary][0]},
        )
        return redirect(_list_url(request, vocabulary))
    context = {
        "form": form,
        "vocabulary": vocabulary,
        "heading": SECTIONS[vocabulary][0],
        "list_url": _list_url(request, vocabulary),
    }
    return render(request, "crm/tag_form.html", context)


@view_permission("crm.manage_tags")
def tag_edit(request, tenant_slug: str, pk: int):
    tag = get_object_or_404(Tag, pk=pk, tenant=request.tenant)
    was_active = tag.is_active
    saved_label = tag.label_da
    vocabulary = Vocabulary(tag.vocabulary)
    form = TagForm(request.POST or None, instance=tag, tenant=request.tenant, vocabulary=vocabulary)
    if request.method == "POST" and form.is_valid():
        tag_update(tag=form.instance, actor=request.user, changed=form.changed_data)
        if was_active and not tag.is_active:
            text = _("“%(label)s” is no longer in use. Organisations that have the word keep it.")
        elif not was_active and tag.is_active:
            text = _("“%(label)s” is in use again.")
        else:
            text = _("The word “%(label)s” has been saved.")
        messages.success(request, text % {"label": tag.label_da})
        return redirect(_list_url(request, vocabulary))
    context = {
        "form": form,
        "tag": tag,
        "saved_label": saved_label,
        "vocabulary": vocabulary,
        "heading": SECTIONS[vocabulary][0],
        "list_url": _list_url(request, vocabulary),
    }
    return render(request, "crm/tag_form.html", context)


@require_POST
@view_permission("crm.manage_tags")
def tag_move_view(request, tenant_slug: str, pk: int):
    """A "Move up" or "Move down" button: a form of its own, so it works from the keyboard and without JavaScript."""
    tag = get_object_or_404(Tag, pk=pk, tenant=request.tenant)
    direction = request.POST.get("retning", "")
    if direction not in MOVES:
        messages.error(request, _("Choose whether the word moves up or down."))
    elif not tag_move(tag=tag, direction=direction, actor=request.user):
        already = {
            "up": _("“%(label)s” is already first in the list."),
            "down": _("“%(label)s” is already last in the list."),
        }
        messages.info(request, already[direction] % {"label": tag.label_da})
    else:
        moved = {"up": _("“%(label)s” has been moved up."), "down": _("“%(label)s” has been moved down.")}
        messages.success(request, moved[direction] % {"label": tag.label_da})
    # Back to the word's own row, so the next move is one Tab away.
    return redirect(reverse("crm:tag_list", kwargs={"tenant_slug": request.tenant.slug}) + f"#ord-{tag.pk}")


urlpatterns = [
    path("administration/ordlister/", tag_list, name="tag_list"),
    path("administration/ordlister/ord/<int:pk>/flyt/", tag_move_view, name="tag_move"),
    path("administration/ordlister/ord/<int:pk>/", tag_edit, name="tag_edit"),
    path("administration/ordlister/<str:vocabulary>/ny/", tag_create_view, name="tag_create"),
]
