"""`draw_neighbourhood`: a real image of the right size that is not blank."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from graph.errors import InvalidInput
from graph.export import Selection
from graph.export.draw import DPI, SIZE_INCHES, draw_neighbourhood
from graph.store.embedded import EmbeddedStore


def test_png_has_its_size_and_is_not_blank(curated_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "clearview.png"
    drawing = draw_neighbourhood(curated_store, Selection(around="clearview-ai"), path)
    assert (drawing.entities, drawing.relations, drawing.omitted) == (30, 52, 0)
    with Image.open(path) as image:
        assert image.format == "PNG"
        assert image.size == (int(SIZE_INCHES[0] * DPI), int(SIZE_INCHES[1] * DPI))
        pixels = image.convert("RGB")
        colours = pixels.getcolors(maxcolors=1 << 20) or []
        assert len(colours) > 50, "a drawing has many colours (types, anti-aliasing)"
        white = sum(n for n, rgb in colours if rgb == (255, 255, 255))
        assert white < 0.97 * image.size[0] * image.size[1], "almost everything is white"


def test_svg_keeps_names_as_text(curated_store: EmbeddedStore, tmp_path: Path) -> None:
    path = tmp_path / "clearview.svg"
    draw_neighbourhood(curated_store, Selection(around="clearview-ai", hops=1), path)
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg") and root.get("width") == f"{SIZE_INCHES[0] * 72:g}pt"
    text = "".join(root.itertext())
    assert "Clearview AI" in text and "SCRAPED_FROM (1)" in text and "Company" in text


def test_a_big_neighbourhood_is_cut_to_the_nearest(curated_store: EmbeddedStore,
                                                  tmp_path: Path) -> None:
    drawing = draw_neighbourhood(curated_store, Selection(around="clearview-ai", hops=2),
                                 tmp_path / "cut.png", max_nodes=10)
    assert drawing.entities == 10 and drawing.omitted > 0


def test_only_png_and_svg(curated_store: EmbeddedStore, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=".png or .svg"):
        draw_neighbourhood(curated_store, Selection(around="clearview-ai"), tmp_path / "x.gif")
