"""Draw an organisation chart as a PNG with Pillow.

The chart is a top-down tree: each box sits one row below its upper box, the
children of a box are centred under it and joined to it by orthogonal
connectors, like a classic org chart.  Layout (levels, text wrapping, box
geometry) is done by pure functions; ``draw`` only paints the result.

Text is set in Carlito, the free font with Calibri's metrics (the
documents' font), shipped in ``docgen/render/fonts`` (SIL Open Font License)
because Pillow's bundled default font has no glyphs for æ, ø and å; no
system font is used.  The chart is placed at its natural size (its text
at the body text's size) up to the width of the page.
The output is deterministic: the same input gives byte-identical PNG bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from math import ceil
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

Font = ImageFont.FreeTypeFont

FONT_SIZE = 34
LINE_GAP = 6  # extra space between wrapped lines
PAD_X, PAD_Y = 30, 22  # space between text and box outline
MIN_BOX_WIDTH = 240
BOX_WIDTH_CAPS = (600, 520, 440, 380, 320, 260)  # tried in turn until the chart fits
H_GAP, V_GAP = 50, 90  # space between boxes side by side / between rows
MARGIN = 40
MAX_WIDTH = 2000  # wider charts are scaled down to this
OUTLINE = 3
RADIUS = 16
FILL, LINE_COLOUR, TEXT_COLOUR = "#DCE6F2", "#1F3864", "#1F1F1F"
FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "Carlito-Regular.ttf", "Carlito-Bold.ttf"
TEXT_PT = 11  # FONT_SIZE pixels print as this many points at natural size
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Box:
    """A placed box in pixel coordinates (origin top left)."""

    id: str
    upper: str | None
    level: int
    lines: tuple[str, ...]
    left: int
    top: int
    width: int
    height: int

    @property
    def centre(self) -> int:
        return self.left + self.width // 2

    @property
    def bottom(self) -> int:
        return self.top + self.height


def uppers(boxes: list[tuple[str, str]], links: list[tuple[str, str]]) -> dict[str, str]:
    """Map each lower id to its upper id, rejecting bad ids and double uppers."""
    if not boxes:
        raise ValueError("an organisation chart needs at least one box")
    known: set[str] = set()
    for box_id, _ in boxes:
        if box_id in known:
            raise ValueError(f"duplicate box id {box_id!r}")
        known.add(box_id)
    upper: dict[str, str] = {}
    for up, low in links:
        for box_id in (up, low):
            if box_id not in known:
                raise ValueError(f"link ({up!r}, {low!r}) names unknown box id {box_id!r}")
        if low in upper:
            raise ValueError(f"box {low!r} has two uppers: {upper[low]!r} and {up!r}")
        upper[low] = up
    return upper


def levels(boxes: list[tuple[str, str]], links: list[tuple[str, str]]) -> dict[str, int]:
    """Level of each box: 0 without an upper, else 1 + the level of its upper."""
    upper = uppers(boxes, links)
    result: dict[str, int] = {}
    for box_id, _ in boxes:
        chain = [box_id]  # box_id and its not yet levelled ancestors
        while chain[-1] not in result and chain[-1] in upper:
            above = upper[chain[-1]]
            if above in chain:
                raise ValueError(f"links form a cycle through box {above!r}")
            chain.append(above)
        base = result.get(chain[-1], 0)
        for depth, node in enumerate(reversed(chain)):
            result.setdefault(node, base + depth)
    return result


def wrap(text: str, width: float, font: Font) -> list[str]:
    """Wrap text on spaces to lines at most `width` px wide; hyphenate longer words."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while len(word) > 1 and font.getlength(word) > width:
            cut = len(word) - 1
            while cut > 1 and font.getlength(word[:cut] + "-") > width:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        lines.append(word)
    return lines or [""]


def line_height(fonts: tuple[Font, Font]) -> int:
    return max(sum(font.getmetrics()) for font in fonts) + LINE_GAP


def layout(
    boxes: list[tuple[str, str]],
    links: list[tuple[str, str]],
    fonts: tuple[Font, Font],
    max_box_width: int,
) -> tuple[list[Box], int, int]:
    """Place every box; all share one width (level 0 uses fonts[1], the rest fonts[0]).

    Returns the placed boxes in the order given and the canvas width and height.
    """
    level, upper, labels = levels(boxes, links), uppers(boxes, links), dict(boxes)
    rows = [[i for i in labels if level[i] == n] for n in range(max(level.values()) + 1)]
    children = {i: [k for k in labels if upper.get(k) == i] for i in labels}
    line_h = line_height(fonts)
    font_of = {i: fonts[1] if level[i] == 0 else fonts[0] for i in labels}
    # Wrap no narrower than the longest word, so ordinary words are never split;
    # only words wider than the widest box allowed get hyphenated.
    word_w = [font_of[i].getlength(word) for i in labels for word in labels[i].split()]
    widest = BOX_WIDTH_CAPS[0] - 2 * PAD_X
    text_max = max([max_box_width - 2 * PAD_X] + [w for w in word_w if w <= widest])
    lines = {i: wrap(labels[i], text_max, font_of[i]) for i in labels}
    text_w = max(font_of[i].getlength(line) for i in labels for line in lines[i])
    box_w = max(MIN_BOX_WIDTH, ceil(text_w) + 2 * PAD_X)
    row_h = [max(len(lines[i]) for i in row) * line_h - LINE_GAP + 2 * PAD_Y for row in rows]

    def spread(ids: list[str]) -> int:  # width of subtrees side by side
        return sum(span[i] for i in ids) + H_GAP * (len(ids) - 1) if ids else 0

    span: dict[str, int] = {}  # width of each box's subtree
    for n in reversed(range(len(rows))):
        for i in rows[n]:
            span[i] = max(box_w, spread(children[i]))
    start: dict[str, int] = {}  # left edge of each subtree
    x = MARGIN
    for i in rows[0]:
        start[i], x = x, x + span[i] + H_GAP
    placed: dict[str, Box] = {}
    y = MARGIN
    for n, row in enumerate(rows):
        for i in row:
            centre = start[i] + span[i] // 2
            placed[i] = Box(i, upper.get(i), n, tuple(lines[i]),
                            centre - box_w // 2, y, box_w, row_h[n])
            x = centre - spread(children[i]) // 2
            for k in children[i]:
                start[k], x = x, x + span[k] + H_GAP
        y += row_h[n] + V_GAP
    return [placed[i] for i in labels], spread(rows[0]) + 2 * MARGIN, y - V_GAP + MARGIN


@lru_cache(maxsize=None)
def load_font(name: str) -> Font:
    # Read the bytes ourselves so FreeType never holds a file handle open.
    return ImageFont.truetype(io.BytesIO((FONT_DIR / name).read_bytes()), FONT_SIZE)


def draw(boxes: list[tuple[str, str]], links: list[tuple[str, str]]) -> bytes:
    """PNG bytes of a top-down organisation chart.
    boxes: (id, label) in the order given; links: (upper id, lower id) — the lower body reports to / sits under the upper one.
    """
    fonts = (load_font(REGULAR), load_font(BOLD))
    for cap in BOX_WIDTH_CAPS:
        placed, width, height = layout(boxes, links, fonts, cap)
        if width <= MAX_WIDTH:
            break
    img = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(img)
    for parent in placed:
        kids = [box for box in placed if box.upper == parent.id]
        if not kids:
            continue
        bus = parent.bottom + V_GAP // 2
        xs = [parent.centre] + [kid.centre for kid in kids]
        pen.line([(parent.centre, parent.bottom), (parent.centre, bus)], LINE_COLOUR, OUTLINE)
        pen.line([(min(xs) - OUTLINE // 2, bus), (max(xs) + OUTLINE // 2, bus)], LINE_COLOUR, OUTLINE)
        for kid in kids:
            pen.line([(kid.centre, bus), (kid.centre, kid.top)], LINE_COLOUR, OUTLINE)
    line_h = line_height(fonts)
    for box in placed:
        pen.rounded_rectangle((box.left, box.top, box.left + box.width, box.bottom),
                              RADIUS, FILL, LINE_COLOUR, OUTLINE)
        y = box.top + (box.height - len(box.lines) * line_h + LINE_GAP) // 2
        for line in box.lines:
            font = fonts[1] if box.level == 0 else fonts[0]
            pen.text((box.centre, y), line, TEXT_COLOUR, font, anchor="ma")
            y += line_h
    if width > MAX_WIDTH:
        img = img.resize((MAX_WIDTH, round(height * MAX_WIDTH / width)), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=False, compress_level=1)  # fast; the chart is small either way
    return buf.getvalue()


def natural_width_mm(picture: bytes) -> float:
    """How wide the chart prints with its text at TEXT_PT: the PNG's pixel
    width (bytes 16-19 of its IHDR chunk) at FONT_SIZE pixels per TEXT_PT."""
    width = int.from_bytes(picture[16:20], "big")
    return width * TEXT_PT / FONT_SIZE * MM_PER_PT
