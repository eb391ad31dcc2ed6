"""Charts on screen: finished specs cached by what determines them, the world map's shapes fetched from static/."""
from __future__ import annotations

import io
import json
import struct

import altair as alt
import polars as pl
import pytest
from PIL import Image

from sp_data import charts, exports, i18n
from sp_data.charts.base import localized
from sp_data.exports import Provenance
from sp_data.groups import map_data
from sp_data.params import Filters
from sp_data.paths import PROJECT_ROOT, REFERENCE_DIR
from ui import cache
from ui.components import WORLD_SHAPES_URL, _on_screen, lazy
from conftest import D

FRAME = pl.DataFrame({"regional_group": ["AG", "WEOG"], "visits": [3, 5]})


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def counting(calls: list):
    def builder(frame: pl.DataFrame, title: str) -> alt.Chart:
        calls.append(title)
        return charts.bars_by_group(frame, "visits", "Visits", title)
    return builder


def test_a_finished_spec_is_built_once_per_data_and_language():
    calls: list[str] = []
    builder = counting(calls)
    first = cache.finished(lazy(builder, FRAME, "Visits"), lambda: _on_screen(lazy(builder, FRAME, "Visits")))
    again = cache.finished(lazy(builder, FRAME.clone(), "Visits"), lambda: _on_screen(lazy(builder, FRAME, "Visits")))
    assert calls == ["Visits"] and again == first
    other = FRAME.with_columns(pl.Series("visits", [3, 6]))
    cache.finished(lazy(builder, other, "Visits"), lambda: _on_screen(lazy(builder, other, "Visits")))
    assert calls == ["Visits", "Visits"]  # other values: built again
    with i18n.use("fr"):
        cache.finished(lazy(builder, FRAME, "Visits"), lambda: _on_screen(lazy(builder, FRAME, "Visits")))
    assert len(calls) == 3  # another language: built again
    spec, words = first
    assert spec["title"]["text"] == "Visits" and "2 bars" in spec["description"] and words


def test_a_frame_read_back_from_the_result_cache_keys_the_spec_it_keyed_before():
    # A frame and its copy read back from Streamlit's result cache (pickled) may pickle to other bytes (here:
    # text made by replace_strict): the page's second view must still find the spec its first view finished.
    import pickle
    frame = pl.DataFrame({"event": ["request", "visit", "request"]}).with_columns(
        pl.col("event").replace_strict({"request": "Request sent to the State", "visit": "Visit carried out"},
                                       default=pl.col("event")).alias("event_label"))
    read_back = pickle.loads(pickle.dumps(frame))
    assert pickle.dumps(read_back) != pickle.dumps(frame)  # what made the pickle a wrong key
    assert lazy(charts.bars_by_group, frame, "x").key() == lazy(charts.bars_by_group, read_back, "x").key()
    other = read_back.with_columns(pl.Series("event_label", ["Request sent to the State", "Visit", "x"]))
    assert lazy(charts.bars_by_group, frame, "x").key() != lazy(charts.bars_by_group, other, "x").key()
    assert lazy(charts.bars_by_group, frame, "x").key() != lazy(charts.bars_by_group, frame.head(2), "x").key()
    as_categories = frame.with_columns(pl.col("event").cast(pl.Categorical))
    assert lazy(charts.bars_by_group, frame, "x").key() != lazy(charts.bars_by_group, as_categories, "x").key()


def test_arguments_without_a_stable_form_are_never_cached():
    assert lazy(charts.bars_by_group, FRAME, "visits", object()).key() is None
    assert lazy(charts.bars_by_group, lazy(lambda: FRAME)).key() is not None  # nested: keyed by its own key
    assert lazy(charts.bars_by_group, FRAME, "visits").key() != lazy(charts.bars_by_group, FRAME, "n").key()


def test_the_tables_of_a_finished_spec_are_arrow_bytes_the_figures_in_words_read_before():
    spec, words = _on_screen(lazy(charts.bars_by_group, FRAME, "visits", "Visits", "Visits by group"))
    assert spec["datasets"] and all(isinstance(v, bytes) for v in spec["datasets"].values())
    # The words are read from the data before it becomes Arrow bytes: the groups by name, with their figures.
    said = "Visits by group. 2 bars: highest Western European and other States (5), lowest African States (3)."
    assert spec["description"] == said and words == said


def test_the_world_map_on_screen_fetches_its_shapes_and_its_png_download_draws_them(demo_db, tmp_path):
    filters = Filters(D(2023, 12, 31))
    deferred = lazy(charts.world_map, map_data(demo_db, filters), "pending_requests", "Pending requests, 2023")
    spec, words = _on_screen(deferred)
    text = json.dumps({k: v for k, v in spec.items() if k != "datasets"})  # the datasets are Arrow bytes
    assert WORLD_SHAPES_URL in text and '"arcs"' not in text  # 100 kB of shapes lie in static/, not in the spec
    assert len(text) < 20_000
    assert "States on the map" in words
    # The file the front end fetches is the project's shapes (a copy, as Streamlit serves only static/).
    assert (PROJECT_ROOT / WORLD_SHAPES_URL.removeprefix("app/")).read_bytes() == \
        (REFERENCE_DIR / "world-110m.json").read_bytes()
    # The download is rendered offline by vl-convert from the chart itself, shapes inline.
    prov = Provenance("demo", "2024-07-01", True, D(2023, 12, 31), "as at 31 December 2023; all regional groups")
    png = exports.chart_png(localized(deferred.build()), prov)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 1000 and height > 600
    image = Image.open(io.BytesIO(png)).convert("RGB")
    (tmp_path / "map.png").write_bytes(png)
    # Countries are coloured (viridis), not only the grey background: many distinct colours.
    pixels = image.resize((200, 120)).tobytes()
    assert len({pixels[i:i + 3] for i in range(0, len(pixels), 3)}) > 40


def test_bars_of_states_coloured_by_group_are_described_by_state_not_summed_by_group():
    from sp_data.charts.communications import reply_rate_by_state
    from sp_data.charts.describe import summary

    states = pl.DataFrame({"iso3": ["AZE", "MLT", "KAZ"], "name": ["Azerbaijan", "Malta", "Kazakhstan"],
                           "regional_group": ["EEG", "WEOG", "APG"], "communications": [7, 7, 6],
                           "substantively_replied": [6, 5, 0], "reply_rate_percent": [85.7, 71.4, 0.0]})
    states = states.with_columns(pl.Series("regional_group", ["EEG", "EEG", "APG"]))
    text = summary(reply_rate_by_state(states, "Reply rate", top=30).to_dict(validate=False))
    assert text.startswith("3 bars: highest Azerbaijan (85.7 %), lowest Kazakhstan (0.0 %)"), text


def test_lines_over_years_on_a_quantitative_year_axis_are_described_per_state_not_as_bars():
    from sp_data.charts.compare import states_over_years
    from sp_data.charts.describe import summary

    years = pl.DataFrame({"year": [2021, 2022, 2023, 2021, 2022, 2023],
                          "name": ["Iran (Islamic Republic of)"] * 3 + ["India"] * 3,
                          "pending_requests": [3, 8, 7, 0, 6, 6]})
    chart = states_over_years(years, "pending_requests", "Pending requests", "Pending requests, 2021–2023",
                              ["Iran (Islamic Republic of)", "India"])
    assert summary(chart.to_dict(validate=False)) == (
        "2021 to 2023: Iran (Islamic Republic of): highest in 2022 (8), lowest in 2021 (3); "
        "India: highest in 2022 (6), lowest in 2021 (0).")
