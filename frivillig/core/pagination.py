from django.core.paginator import Page, Paginator


def paginate(request, queryset, per_page: int = 25) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("side"))
