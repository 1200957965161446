import csv
import io


def test_danish_sort_key_puts_aeoeaa_after_z_in_danish_order():
    from frivillig.core.validators import danish_sort_key

    words = ["Århus", "Ølstykke", "Ærø", "Zealand", "Aabenraa", "aarhus"]
    assert sorted(words, key=danish_sort_key) == ["Aabenraa", "aarhus", "Zealand", "Ærø", "Ølstykke", "Århus"]


def test_export_response_writes_a_heading_per_column_and_a_row_per_object():
    from frivillig.core.exports import Column, export_response

    columns = (Column("Navn", lambda item: item["name"]), Column("Antal", lambda item: item["count"]))
    response = export_response("csv", filename="x", columns=columns, objects=[{"name": "Ærø", "count": 2}])
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Navn", "Antal"], ["Ærø", "2"]]
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'


def test_export_response_refuses_a_format_the_url_may_not_name():
    import pytest
    from django.http import Http404

    from frivillig.core.exports import export_response

    with pytest.raises(Http404):
        export_response("pdf", filename="x", columns=(), objects=[])
