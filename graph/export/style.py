"""One colour per entity type, shared by `aikg draw` and the Bloom perspective.

Colours follow the type's position in graph/schema.yaml (a colour-blind-safe palette first,
then more), so adding a type appends a colour and never recolours the others.
"""

from __future__ import annotations

from graph.schema import Schema

PALETTE = (
    "#4C78A8",  # blue
    "#F58518",  # orange
    "#54A24B",  # green
    "#E45756",  # red
    "#72B7B2",  # teal
    "#B279A2",  # purple
    "#EECA3B",  # yellow
    "#9D755D",  # brown
    "#FF9DA6",  # pink
    "#BAB0AC",  # grey
    "#79706E",  # dark grey
    "#D67195",  # rose
    "#439894",  # sea green
    "#83BCB6",  # light teal
)


def type_colours(schema: Schema) -> dict[str, str]:
    """Entity type -> hex colour."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(schema.entity_types)}
