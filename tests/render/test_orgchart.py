"""Tests for docgen.render.orgchart (organisation chart PNG)."""

import io
import re

import pytest
from PIL import Image, ImageChops

from docgen.render import orgchart

BOXES = [
    ("samarbejdsforum", "Den boligsociale bestyrelse under Samarbejdsforum"),
    ("bydelsbestyrelse", "Københavns Bydelsbestyrelse"),
    ("ledergruppe", "Boligsociale ledergrupper"),
    ("foelgegruppe", "Lokale følgegrupper"),
    ("administrativ", "Administrativ følgegruppe"),
    ("sekretariat", "Helhedsplanens sekretariat"),
]
LINKS = [
    ("samarbejdsforum", "bydelsbestyrelse"),
    ("bydelsbestyrelse", "ledergruppe"),
    ("ledergruppe", "foelgegruppe"),
    ("ledergruppe", "administrativ"),
    ("ledergruppe", "sekretariat"),
]


def fonts():
    return orgchart.load_font(orgchart.REGULAR), orgchart.load_font(orgchart.BOLD)


def image(png: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(png))
    img.load()
    return img


def test_png_opens_as_rgb():
    png = orgchart.draw(BOXES, LINKS)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    img = image(png)
    assert img.format == "PNG"
    assert img.mode == "RGB"
    assert 1000 < img.width <= orgchart.MAX_WIDTH
    assert img.getpixel((0, 0)) == (255, 255, 255)


def test_same_input_gives_identical_bytes():
    assert orgchart.draw(BOXES, LINKS) == orgchart.draw(list(BOXES), list(LINKS))


def test_more_levels_give_taller_image():
    flat = image(orgchart.draw(BOXES, []))
    deep = image(orgchart.draw(BOXES, LINKS))
    assert deep.height > flat.height


def test_levels():
    assert orgchart.levels(BOXES, LINKS) == {
        "samarbejdsforum": 0,
        "bydelsbestyrelse": 1,
        "ledergruppe": 2,
        "foelgegruppe": 3,
        "administrativ": 3,
        "sekretariat": 3,
    }
    # Boxes without links sit at level 0; link order does not matter.
    boxes = [("c", "C"), ("b", "B"), ("a", "A"), ("alone", "Alone")]
    assert orgchart.levels(boxes, [("b", "c"), ("a", "b")]) == {"a": 0, "b": 1, "c": 2, "alone": 0}


def test_layout_puts_children_below_and_under_their_parent():
    placed, width, height = orgchart.layout(BOXES, LINKS, fonts(), 600)
    by_id = {box.id: box for box in placed}
    assert [box.id for box in placed] == [box_id for box_id, _ in BOXES]
    for upper, lower in LINKS:
        parent, child = by_id[upper], by_id[lower]
        assert child.top > parent.bottom
    # A single child sits exactly under its parent, a group is centred under it.
    assert by_id["bydelsbestyrelse"].centre == by_id["samarbejdsforum"].centre
    kids = [by_id[k] for k in ("foelgegruppe", "administrativ", "sekretariat")]
    assert abs((kids[0].centre + kids[-1].centre) / 2 - by_id["ledergruppe"].centre) <= 1
    # One row per level, same height; order given; no overlap; inside the canvas.
    assert len({k.top for k in kids}) == 1 and len({k.height for k in kids}) == 1
    assert kids[0].left + kids[0].width < kids[1].left < kids[1].left + kids[1].width < kids[2].left
    for box in placed:
        assert 0 < box.left and box.left + box.width < width and box.bottom < height


def test_text_never_overflows_boxes():
    regular, bold = fonts()
    boxes = [("top", "Bestyrelse")] + [
        (f"k{n}", f"Lokal følgegruppe nummer {n} for Sammenhængskraftsfølgegruppeudvalgsformandskabet")
        for n in range(9)
    ]
    links = [("top", f"k{n}") for n in range(9)]
    for cap in orgchart.BOX_WIDTH_CAPS:
        placed, _, _ = orgchart.layout(boxes, links, (regular, bold), cap)
        for box in placed:
            font = bold if box.level == 0 else regular
            assert max(font.getlength(line) for line in box.lines) <= box.width - 2 * orgchart.PAD_X
            if box.level:  # ordinary words are never split, the monster word is hyphenated
                assert "følgegruppe" in " ".join(box.lines)
                assert any(line.endswith("-") for line in box.lines)


def test_many_boxes_in_a_row_stay_within_max_width():
    boxes = [("top", "Top")] + [(f"k{n}", f"Lokal følgegruppe nummer {n}") for n in range(14)]
    img = image(orgchart.draw(boxes, [("top", f"k{n}") for n in range(14)]))
    assert img.width <= orgchart.MAX_WIDTH


def test_wrap():
    regular, _ = fonts()
    lines = orgchart.wrap("Den boligsociale bestyrelse under Samarbejdsforum", 320, regular)
    assert len(lines) > 1
    assert " ".join(lines) == "Den boligsociale bestyrelse under Samarbejdsforum"
    assert all(regular.getlength(line) <= 320 for line in lines)
    # "Samarbejdsforum" is about 303 px wide: at 200 px it is hyphenated.
    lines = orgchart.wrap("Samarbejdsforum og", 200, regular)
    assert lines[0].endswith("-") and " ".join(lines).replace("- ", "") == "Samarbejdsforum og"
    assert all(regular.getlength(line) <= 200 for line in lines)
    assert orgchart.wrap("", 300, regular) == [""]


def test_font_has_danish_glyphs():
    regular, bold = fonts()
    for font in (regular, bold):
        missing = bytes(font.getmask("\uffff"))
        for char in "æøåÆØÅ–":
            assert bytes(font.getmask(char)) != missing, char


def test_danish_letters_render():
    danish = image(orgchart.draw([("a", "æøå")], []))
    plain = image(orgchart.draw([("a", "aoa")], []))
    missing = image(orgchart.draw([("a", "\uffff\uffff\uffff")], []))
    assert danish.size == plain.size
    assert ImageChops.difference(danish, plain).getbbox() is not None
    assert ImageChops.difference(danish, missing).getbbox() is not None


@pytest.mark.parametrize(
    "boxes, links, message",
    [
        ([], [], "at least one box"),
        ([("a", "A"), ("a", "B")], [], "duplicate box id 'a'"),
        ([("a", "A")], [("a", "x")], "unknown box id 'x'"),
        ([("a", "A")], [("x", "a")], "unknown box id 'x'"),
        ([("a", "A"), ("b", "B"), ("c", "C")], [("a", "c"), ("b", "c")], "'c' has two uppers"),
        ([("a", "A"), ("b", "B")], [("a", "b"), ("b", "a")], "cycle"),
        ([("a", "A"), ("b", "B"), ("c", "C")], [("a", "b"), ("b", "c"), ("c", "a")], "cycle"),
        ([("a", "A")], [("a", "a")], "cycle"),
    ],
)
def test_invalid_input_raises(boxes, links, message):
    with pytest.raises(ValueError, match=message):
        orgchart.draw(boxes, links)
    with pytest.raises(ValueError, match=message):
        orgchart.levels(boxes, links)


def test_the_chart_in_the_agreement_has_alternative_text_naming_every_body(built, shipped):
    import zipfile

    xml = zipfile.ZipFile(next(built.glob("01 *.docx"))).read("word/document.xml").decode()
    [descr] = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
    assert descr.startswith("Organisationsdiagram: ")
    for body in shipped.organisation.bodies:
        assert body.name in descr


def test_the_chart_prints_at_its_natural_size_up_to_the_page_width(built):
    import zipfile

    from docgen.render.docx import ORG_CHART_WIDTH_MM

    archive = zipfile.ZipFile(next(built.glob("01 *.docx")))
    xml = archive.read("word/document.xml").decode()
    [cx] = re.findall(r'<wp:extent cx="(\d+)"', xml)
    [png] = [n for n in archive.namelist() if n.startswith("word/media/")]
    natural = orgchart.natural_width_mm(archive.read(png))
    assert abs(int(cx) / 36000 - min(natural, ORG_CHART_WIDTH_MM)) < 0.1
    # a chart of two boxes is small, not stretched to the page
    small = orgchart.draw([("a", "Bestyrelse"), ("b", "Følgegruppe")], [("a", "b")])
    assert orgchart.natural_width_mm(small) < 80


def test_the_chart_uses_the_documents_font():
    # Carlito has Calibri's metrics: the chart's text is set like the body text
    assert orgchart.REGULAR.startswith("Carlito") and orgchart.BOLD.startswith("Carlito")
    assert orgchart.load_font(orgchart.REGULAR).getname()[0] == "Carlito"
