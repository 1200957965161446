from frivillig.crm.views import (
    dashboard,
    directory,
    imports,
    interactions,
    merge,
    organisations,
    people,
    person_data,
    person_erase,
    relations,
    representatives,
    saved_filters,
    selfservice,
    tags,
)

app_name = "crm"

# Each area keeps its own list next to its views; the order only matters where two routes could match.
urlpatterns = [
    *merge.urlpatterns,
    *saved_filters.urlpatterns,
    *imports.urlpatterns,
    *organisations.urlpatterns,
    *people.urlpatterns,
    *person_data.urlpatterns,
    *person_erase.urlpatterns,
    *interactions.urlpatterns,
    *relations.urlpatterns,
    *representatives.urlpatterns,
    *dashboard.urlpatterns,
    *directory.urlpatterns,
    *selfservice.urlpatterns,
    *tags.urlpatterns,
]
