"""The two reference views: what plain Django costs on the same server, database and data.

- `hello`: a bare view through the full middleware stack.
- `bare_list`: 50 published opportunities per page with Django's own Paginator (exact COUNT), only the
  columns it shows, and a minimal template: the floor a real list page with filters, facets and the site
  layout is measured against.
"""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template import engines
from django_scopes import scopes_disabled

from frivillig.core.permissions import PUBLIC, view_permission
from frivillig.volunteering.enums import OpportunityStatus
from frivillig.volunteering.models import Opportunity

BARE_LIST = engines["django"].from_string(
    """<!doctype html>
<html lang="da">
<head><meta charset="utf-8"><title>Frivilligjob</title></head>
<body>
<h1>Frivilligjob ({{ page.paginator.count }})</h1>
<ul>
{% for opportunity in page %}<li>{{ opportunity.title }} – {{ opportunity.organisation.name }},
{{ opportunity.town }}, {{ opportunity.published_at|date:"j. M Y" }}</li>
{% endfor %}</ul>
{% if page.has_next %}<a href="?side={{ page.next_page_number }}">Næste side</a>{% endif %}
</body>
</html>
"""
)


@view_permission(PUBLIC)
def hello(request):
    return HttpResponse("hello", content_type="text/plain")


@view_permission(PUBLIC)
def bare_list(request):
    with scopes_disabled():
        opportunities = (
            Opportunity.objects.filter(status=OpportunityStatus.PUBLISHED)
            .select_related("organisation")
            .only("title", "town", "published_at", "organisation__name")
            .order_by("-published_at", "-pk")
        )
        page = Paginator(opportunities, 50).get_page(request.GET.get("side"))
        return HttpResponse(BARE_LIST.render({"page": page}, request))
