"""Chart builders: pure functions from frames to Altair charts, shared by the pages and the exports.

base: palette, group colours, bars, lines and the world map; one module per topic beside it.
"""
from sp_data.charts.base import (  # noqa: F401
    GROUP_COLOURS, MAP_MEASURES, NO_GROUP, OKABE_ITO, WIDTH, bars, bars_by_group, group_scale,
    lines_over_years, world_map,
)
