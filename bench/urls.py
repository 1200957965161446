"""The product's URLs plus the two reference views the benchmark compares every page with."""

from django.urls import path

from bench import views
from frivillig.urls import handler400, handler403, handler404, handler500
from frivillig.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("bench/hello/", views.hello, name="bench_hello"),
    path("bench/liste/", views.bare_list, name="bench_list"),
    *product_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
