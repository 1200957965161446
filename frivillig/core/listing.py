"""The one way a list page answers: the whole page, or for the live filter (htmx) only its results.

A list template extends `core/list_page.html` and fills its blocks. The live filter swaps the block `results`
(and, where a list has them, the out-of-band updates in `out_of_band`); everything else gets the whole page:
a first visit, a browser without JavaScript, and htmx's history restore — when the back button returns to a
page that is no longer in htmx's cache, htmx asks for it with `HX-Request` *and* `HX-History-Restore-Request`
and puts the answer in place of the whole body, so a fragment there would leave a broken page.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import Template
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockContext, BlockNode, ExtendsNode
from django.utils.cache import patch_vary_headers

RESULTS_BLOCK = "results"
OUT_OF_BAND_BLOCK = "out_of_band"
# A shared cache must keep the page and its fragments apart: they answer the same URL.
VARY_ON = ("HX-Request", "HX-History-Restore-Request")


def wants_fragment(request: HttpRequest) -> bool:
    """A live-filter request from htmx; not a history restore, which replaces the whole page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def render_list(request: HttpRequest, template_name: str, context: dict, *, status: int = 200) -> HttpResponse:
    if wants_fragment(request):
        content = "".join(render_blocks(template_name, (RESULTS_BLOCK, OUT_OF_BAND_BLOCK), context, request))
        response = HttpResponse(content, status=status)
    else:
        response = render(request, template_name, context, status=status)
    patch_vary_headers(response, VARY_ON)
    return response


def _chain(template: Template, context) -> list[Template]:
    """The template and the templates it extends, child first."""
    chain = [template]
    while True:
        extends = [node for node in chain[-1].nodelist if isinstance(node, ExtendsNode)]
        if not extends:
            return chain
        chain.append(extends[0].get_parent(context))


def render_blocks(template_name: str, names, context: dict, request: HttpRequest) -> list[str]:
    """The named blocks of a template, rendered as they would be on the page (with the overrides of every
    template in its `{% extends %}` chain and `{{ block.super }}`); a block no template defines renders as ""."""
    template = get_template(template_name).template
    context = make_context(context, request)
    rendered = []
    with context.render_context.push_state(template), context.bind_template(template):
        chain = _chain(template, context)
        blocks = BlockContext()
        for member in chain:
            blocks.add_blocks({node.name: node for node in member.nodelist.get_nodes_by_type(BlockNode)})
        context.render_context[BLOCK_CONTEXT_KEY] = blocks
        for name in names:
            # The outermost definition renders, and picks the innermost override from the block context.
            node = next(
                (
                    node
                    for member in reversed(chain)
                    for node in member.nodelist.get_nodes_by_type(BlockNode)
                    if node.name == name
                ),
                None,
            )
            rendered.append(node.render(context) if node is not None else "")
    return rendered
