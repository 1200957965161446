from django.core.paginator import Page, Paginator

from frivillig.core.params import page_number


def paginate(request, queryset, per_page: int = 25) -> Page:
    return Paginator(queryset, per_page).get_page(page_number(request.GET))
