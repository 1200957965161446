"""The sparkline: a small line of a history with its text alternative."""

from frivillig.core.charts import SPARKLINE_HEIGHT, SPARKLINE_MARGIN, sparkline


def test_sparkline_draws_the_largest_value_at_the_top_and_names_itself():
    line = sparkline(values=[1, None, 3, 2], description="Fra 1 til 2", chart_id="historik-7")
    assert line.points[0] == (SPARKLINE_MARGIN, SPARKLINE_HEIGHT - SPARKLINE_MARGIN)
    assert line.points[1][1] == SPARKLINE_MARGIN  # the value 3
    assert len(line.points) == 3  # the day without a value is left out
    html = str(line.html)
    assert 'role="img"' in html and 'aria-labelledby="historik-7-titel"' in html
    assert '<title id="historik-7-titel">Fra 1 til 2</title>' in html
    assert "style=" not in html


def test_sparkline_of_a_flat_history_runs_along_the_middle():
    line = sparkline(values=[4, 4, 4], description="4", chart_id="flad")
    assert {y for _x, y in line.points} == {SPARKLINE_HEIGHT / 2}


def test_sparkline_of_less_than_two_values_is_only_its_text():
    html = str(sparkline(values=[None, 5], description="Kun én måling: 5 <b>", chart_id="kort").html)
    assert "<svg" not in html
    assert "Kun én måling: 5 &lt;b&gt;" in html
