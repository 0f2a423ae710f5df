"""Demo pictures drawn with Pillow: scene-like covers and photos, and organisation logos (nothing downloaded).

Captions are written in Chinese when a CJK font is found on the system (``DEMO_FONT`` names one explicitly,
``DEMO_FONT=none`` turns text off); without one the pictures are shapes only.
"""

import functools
import io
import math
import os
import random
import zlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

FONT_CANDIDATES = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),  # face 2 is Simplified Chinese
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/noto/NotoSansCJK-Bold.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
]

# Sky top, sky bottom, ground, accent — one palette per kind of scene.
PALETTES = {
    "mine": ((24, 44, 84), (238, 160, 92), (46, 46, 52), (214, 48, 49)),
    "industry": ((52, 92, 140), (196, 220, 236), (70, 76, 86), (242, 153, 74)),
    "people": ((150, 30, 40), (246, 196, 120), (120, 36, 36), (255, 214, 0)),
    "sport": ((33, 118, 190), (170, 220, 250), (46, 139, 87), (255, 255, 255)),
    "study": ((64, 84, 140), (230, 226, 210), (120, 90, 60), (200, 60, 50)),
    "care": ((236, 112, 99), (253, 235, 208), (176, 58, 46), (255, 255, 255)),
    "safety": ((20, 90, 50), (200, 235, 200), (40, 50, 45), (255, 193, 7)),
    "honor": ((120, 20, 20), (240, 190, 90), (90, 20, 20), (255, 215, 0)),
}


@functools.cache
def _font_path() -> tuple[str, int] | None:
    wanted = os.environ.get("DEMO_FONT", "").strip()
    if wanted.lower() == "none":
        return None
    if wanted:
        return (wanted, 0) if Path(wanted).is_file() else None
    for path, face in FONT_CANDIDATES:
        if Path(path).is_file():
            return path, face
    found = sorted(p for p in Path("/usr/share/fonts").rglob("*") if any(k in p.name for k in ("CJK", "wqy", "Hei")))
    return (str(found[0]), 0) if found else None


@functools.cache
def font(size: int) -> ImageFont.FreeTypeFont | None:
    located = _font_path()
    if located is None:
        return None
    try:
        return ImageFont.truetype(located[0], size, index=located[1])
    except OSError:
        return None


def has_cjk_font() -> bool:
    return font(24) is not None


def _rng(*parts: object) -> random.Random:
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode()))  # noqa: S311 - drawing, not security


def _mix(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=False))[:3]


def _sky(size: tuple[int, int], top, bottom) -> Image.Image:
    gradient = Image.linear_gradient("L").resize(size)
    return ImageOps.colorize(gradient, black=top, white=bottom).convert("RGB")


def _hills(draw: ImageDraw.ImageDraw, rng: random.Random, size, colour, base: float, height: float) -> None:
    width, h = size
    points = [(0, h)]
    x = 0
    while x <= width:
        points.append((x, h * base - rng.uniform(0, h * height)))
        x += rng.randint(width // 12, width // 5)
    points += [(width, h * base - rng.uniform(0, h * height)), (width, h)]
    draw.polygon(points, fill=colour)


def _headframe(draw, x: int, ground: int, scale: float, colour, accent) -> None:
    """A mine shaft headframe (井架) with its sheave wheels."""
    height, base = 260 * scale, 120 * scale
    top = ground - height
    draw.polygon(
        [(x - base / 2, ground), (x - base / 5, top), (x + base / 5, top), (x + base / 2, ground)],
        outline=colour,
        width=max(3, int(6 * scale)),
    )
    for i in range(1, 6):
        y = ground - height * i / 6
        half = base / 2 - (base / 2 - base / 5) * i / 6
        draw.line([(x - half, y), (x + half, y)], fill=colour, width=max(2, int(4 * scale)))
    for dx in (-base / 6, base / 6):
        r = 26 * scale
        draw.ellipse([x + dx - r, top - r, x + dx + r, top + r], outline=colour, width=max(3, int(5 * scale)))
    draw.rectangle([x + base / 2, ground - 90 * scale, x + base * 1.6, ground], fill=colour)
    draw.rectangle([x + base * 0.7, ground - 70 * scale, x + base * 0.85, ground - 50 * scale], fill=accent)


def _factory(draw, rng, x: int, ground: int, colour, accent) -> None:
    for i in range(rng.randint(2, 4)):
        w, h = rng.randint(90, 160), rng.randint(80, 170)
        left = x + i * 140
        draw.rectangle([left, ground - h, left + w, ground], fill=colour)
        for wx in range(left + 15, left + w - 15, 30):
            draw.rectangle([wx, ground - h + 20, wx + 14, ground - h + 36], fill=accent)
    draw.rectangle([x + 60, ground - 300, x + 84, ground], fill=colour)
    draw.line([(x - 120, ground - 40), (x + 40, ground - 220)], fill=colour, width=14)


def _people(draw, rng, size, colour, rows: int = 3) -> None:
    width, height = size
    for row in range(rows):
        y = height * (0.62 + row * 0.12)
        r = 26 + row * 8
        x = rng.randint(0, r)
        while x < width:
            shade = _mix(colour, (0, 0, 0), row * 0.25)
            draw.ellipse([x - r, y - 2.6 * r, x + r, y - 0.6 * r], fill=shade)
            draw.rounded_rectangle([x - 1.6 * r, y - 0.5 * r, x + 1.6 * r, y + 2 * r], radius=int(r), fill=shade)
            x += int(3.6 * r) + rng.randint(0, r)


def _heart(draw, cx: int, cy: int, r: int, colour) -> None:
    draw.ellipse([cx - 2 * r, cy - r, cx, cy + r], fill=colour)
    draw.ellipse([cx, cy - r, cx + 2 * r, cy + r], fill=colour)
    draw.polygon([(cx - 1.95 * r, cy + 0.3 * r), (cx + 1.95 * r, cy + 0.3 * r), (cx, cy + 2.4 * r)], fill=colour)


def _star(draw, cx: float, cy: float, r: float, colour) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.42
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=colour)


def _helmet(draw, cx: int, cy: int, r: int, colour, accent) -> None:
    draw.pieslice([cx - r, cy - r, cx + r, cy + r], 180, 360, fill=colour)
    draw.rounded_rectangle([cx - 1.3 * r, cy - 8, cx + 1.3 * r, cy + 18], radius=10, fill=colour)
    draw.rectangle([cx - 10, cy - r, cx + 10, cy - 8], fill=accent)
    draw.ellipse([cx - 22, cy - r * 0.62, cx + 22, cy - r * 0.62 + 40], fill=(255, 250, 220))


def _books(draw, rng, x: int, ground: int, palette) -> None:
    for _ in range(7):
        w, h = rng.randint(28, 46), rng.randint(150, 230)
        colour = _mix(palette[rng.randrange(4)], (255, 255, 255), rng.uniform(0, 0.3))
        draw.rectangle([x, ground - h, x + w, ground], fill=colour, outline=(40, 40, 40), width=2)
        x += w + 4


def _track(draw, size, colour) -> None:
    width, height = size
    for i in range(5):
        inset = i * 26
        draw.ellipse(
            [-width * 0.2 + inset, height * 0.55 + inset, width * 1.2 - inset, height * 1.6 - inset],
            outline=colour,
            width=5,
        )


def _caption(image: Image.Image, text: str) -> None:
    width, height = image.size
    size = max(28, width // 16)
    face = font(size)
    if face is None or not text:
        return
    while face.getlength(text) > width * 0.9 and size > 18:
        size -= 2
        face = font(size)
    band = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(band)
    band_height = int(size * 2.2)
    draw.rectangle([0, height - band_height, width, height], fill=(0, 0, 0, 140))
    draw.text((width * 0.05, height - band_height + size * 0.55), text, font=face, fill=(255, 255, 255, 255))
    image.paste(Image.alpha_composite(image.convert("RGBA"), band).convert("RGB"))


def scene(text: str, *, theme: str = "mine", size: tuple[int, int] = (1200, 675)) -> bytes:
    """A JPEG scene for `theme` (mine, industry, people, sport, study, care, safety, honor) captioned `text`."""
    rng = _rng(theme, text, size)
    top, bottom, ground_colour, accent = PALETTES.get(theme, PALETTES["mine"])
    width, height = size
    image = _sky(size, top, bottom)
    draw = ImageDraw.Draw(image)
    sun = (rng.randint(width // 8, width * 7 // 8), rng.randint(height // 10, height // 3))
    draw.ellipse([sun[0] - 60, sun[1] - 60, sun[0] + 60, sun[1] + 60], fill=_mix(bottom, (255, 255, 255), 0.6))
    _hills(draw, rng, size, _mix(ground_colour, bottom, 0.55), 0.72, 0.22)
    _hills(draw, rng, size, _mix(ground_colour, bottom, 0.25), 0.82, 0.12)
    ground = int(height * 0.86)
    draw.rectangle([0, ground, width, height], fill=ground_colour)
    if theme == "mine":
        _headframe(
            draw,
            rng.randint(width // 4, width * 3 // 4),
            ground,
            rng.uniform(0.9, 1.3),
            _mix(ground_colour, (0, 0, 0), 0.4),
            accent,
        )
    elif theme == "industry":
        _factory(draw, rng, rng.randint(width // 6, width // 3), ground, _mix(ground_colour, (0, 0, 0), 0.3), accent)
    elif theme == "people":
        for i in range(6):
            draw.rectangle([i * width // 6 + 20, 40, i * width // 6 + 60, 120], fill=accent)
        _people(draw, rng, size, ground_colour)
    elif theme == "sport":
        _track(draw, size, accent)
        for i in range(5):
            x = width * (0.15 + 0.17 * i)
            draw.line([(x, ground), (x, ground - 160)], fill=(240, 240, 240), width=5)
            draw.polygon([(x, ground - 160), (x + 70, ground - 140), (x, ground - 120)], fill=PALETTES["people"][0])
    elif theme == "study":
        _books(draw, rng, rng.randint(width // 8, width // 2), ground, PALETTES["study"])
        _star(draw, width * 0.8, height * 0.3, 50, accent)
    elif theme == "care":
        _heart(draw, width // 2, int(height * 0.38), int(height * 0.13), accent)
        _heart(draw, int(width * 0.2), int(height * 0.25), int(height * 0.05), _mix(accent, top, 0.4))
    elif theme == "safety":
        _helmet(draw, width // 2, int(height * 0.62), int(height * 0.2), accent, _mix(accent, (0, 0, 0), 0.3))
    elif theme == "honor":
        for i in range(5):
            _star(draw, width * (0.2 + 0.15 * i), height * (0.3 + 0.05 * (i % 2)), 34 + 12 * (i == 2), accent)
        draw.rectangle([width * 0.3, ground - 40, width * 0.7, ground], fill=_mix(accent, (0, 0, 0), 0.2))
    image = image.filter(ImageFilter.SMOOTH)
    _caption(image, text)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def logo(name: str, *, mark: str, colour: tuple[int, int, int], size: int = 400) -> bytes:
    """A round PNG emblem in `colour` with `mark` (one to three characters) in the middle."""
    rng = _rng("logo", name)
    image = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    pad = size // 20
    draw.ellipse([pad, pad, size - pad, size - pad], fill=colour)
    ring = size // 9
    draw.ellipse(
        [pad + ring, pad + ring, size - pad - ring, size - pad - ring], outline=(255, 255, 255), width=size // 60
    )
    centre = size / 2
    # A gear ring: the emblem of industrial workers' unions.
    for i in range(16):
        angle = i * math.pi / 8 + rng.uniform(0, 0.01)
        x = centre + (centre - pad - ring / 2) * math.cos(angle)
        y = centre + (centre - pad - ring / 2) * math.sin(angle)
        draw.rectangle([x - size // 50, y - size // 50, x + size // 50, y + size // 50], fill=(255, 255, 255))
    face = font(int(size * (0.32 if len(mark) <= 2 else 0.22)))
    if face is not None and mark:
        draw.text((centre, centre), mark, font=face, fill=(255, 255, 255), anchor="mm")
    else:
        _star(draw, centre, centre, size * 0.2, (255, 215, 0))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
