"""Build the demo library: articles.txt -> articles.json, and paint images/*.jpg.

Run from anywhere: `python tools/build_demo.py` (it writes into resources/demo/; it is a
developer tool, kept out of the wheel). Everything here is invented and drawn by this
script; the pictures use fixed seeds, so a rerun with the same Pillow build rewrites them
byte for byte (`--check` verifies that without writing).
"""

from __future__ import annotations

import argparse
import html
import io
import json
import math
import random
import re
import sys
import zlib
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parents[1] / "resources" / "demo"
SOURCE = HERE / "articles.txt"
OUTPUT = HERE / "articles.json"
IMAGES = HERE / "images"
SIZE = (960, 540)
SCALE = 2  # drawn at twice the size, then reduced: cheap anti-aliasing
QUALITY = 82

# --------------------------------------------------------------------------- articles


def outlet_slug(outlet: str) -> str:
    name = re.sub(r"^the\s+", "", outlet.strip(), flags=re.I)
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def parse_source(text: str) -> list[dict]:
    """Split articles.txt into header dicts with a `body` list of (kind, text)."""
    articles: list[dict] = []
    for chunk in re.split(r"^@@ ", text, flags=re.M)[1:]:
        head, _, body = chunk.partition("\n\n")
        lines = head.splitlines()
        item: dict = {"id": lines[0].strip(), "images": [], "body": []}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            value = value.strip()
            if key == "image":
                stem, painter, caption, credit, alt = (p.strip() for p in value.split("|"))
                item["images"].append(
                    {
                        "stem": stem,
                        "painter": painter,
                        "caption": caption,
                        "credit": credit,
                        "alt": alt,
                    }
                )
            else:
                item[key.strip()] = value
        for block in re.split(r"\n\s*\n", body.strip()):
            block = " ".join(block.split())
            if not block:
                continue
            if block.startswith("## "):
                item["body"].append(("h2", block[3:]))
            elif block.startswith("> "):
                item["body"].append(("quote", block[2:]))
            else:
                item["body"].append(("p", block))
        articles.append(item)
    return articles


def _figure(image: dict) -> str:
    return (
        f'<figure><img src="images/{image["file"]}" alt="{html.escape(image["alt"])}" '
        f'width="{SIZE[0]}" height="{SIZE[1]}"><figcaption>'
        f'{html.escape(image["caption"])} <span class="credit">'
        f"{html.escape(image['credit'])}</span></figcaption></figure>"
    )


def render(item: dict) -> tuple[str, str]:
    """(plain text, html) of one article body; the second image sits mid-article."""
    paragraphs = [t for kind, t in item["body"] if kind != "h2"]
    text = "\n\n".join(paragraphs)
    parts: list[str] = []
    images = item["images"]
    if images:
        parts.append(_figure(images[0]))
    middle = len(item["body"]) // 2
    for index, (kind, block) in enumerate(item["body"]):
        if index == middle and len(images) > 1:
            parts.append(_figure(images[1]))
        escaped = html.escape(block, quote=False)
        if kind == "h2":
            parts.append(f"<h2>{escaped}</h2>")
        elif kind == "quote":
            parts.append(f"<blockquote><p>{escaped}</p></blockquote>")
        else:
            parts.append(f"<p>{escaped}</p>")
    return text, "\n".join(parts)


def build_articles(source: list[dict]) -> list[dict]:
    by_id = {a["id"]: a for a in source}
    out = []
    for item in source:
        if "republish" in item:  # a wire copy printed by a second outlet: same body
            original = by_id[item["republish"]]
            item = {**item, "body": original["body"], "images": original["images"]}
        for image in item["images"]:
            image["file"] = image["stem"] + ".jpg"
        text, body_html = render(item)
        out.append(
            {
                "id": item["id"],
                "outlet": item["outlet"],
                "section": item["section"],
                "title": item["title"],
                "author": item["author"],
                "published": item["published"],
                "url": f"https://example.org/{outlet_slug(item['outlet'])}/{item['slug']}",
                "text": text,
                "html": body_html,
                "images": [
                    {k: im[k] for k in ("file", "caption", "credit", "alt")}
                    for im in item["images"]
                ],
            }
        )
    check_articles(out)
    return out


def check_articles(articles: list[dict]) -> None:
    """The rules the loader relies on: one Monday-to-Sunday week, no story day as a date."""
    dates = [datetime.fromisoformat(a["published"]) for a in articles]
    monday = min(dates) - timedelta(days=min(dates).weekday())
    if max(dates) - monday.replace(hour=0, minute=0) >= timedelta(days=7):
        raise SystemExit("demo articles must fall in one Monday-to-Sunday week")
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    for a in articles:
        if re.search(rf"\b(?:{months}) \d{{1,2}}\b|\b\d{{1,2}} (?:{months})\b", a["text"]):
            raise SystemExit(f"{a['id']}: a month-day date would go stale when dates shift")
        if not 4 <= a["text"].count("\n\n") + 1 <= 10:
            raise SystemExit(f"{a['id']}: wants 4 to 10 paragraphs")


# --------------------------------------------------------------------------- drawing kit

W, H = SIZE[0] * SCALE, SIZE[1] * SCALE


def rgb(value: str) -> tuple[int, int, int]:
    value = value.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def mix(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


def gradient(top: str, bottom: str, size: tuple[int, int] = (W, H)) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(
        Image.new("RGB", size, rgb(bottom)), Image.new("RGB", size, rgb(top)), mask
    )


def glow(
    img: Image.Image, xy: tuple[float, float], radius: float, colour: str, strength: int = 200
) -> None:
    """A soft round light (sun, floodlight, street lamp)."""
    layer = Image.new("L", img.size, 0)
    x, y = xy
    ImageDraw.Draw(layer).ellipse((x - radius, y - radius, x + radius, y + radius), fill=strength)
    layer = layer.filter(ImageFilter.GaussianBlur(radius * 0.6))
    img.paste(Image.new("RGB", img.size, rgb(colour)), (0, 0), layer)


def ridge(
    rng: random.Random, base: float, amplitude: float, roughness: float = 0.55, steps: int = 7
) -> list[tuple[float, float]]:
    """A mountain skyline by midpoint displacement, as a closed polygon to the bottom."""
    heights = [base + rng.uniform(-amplitude, amplitude) for _ in range(2)]
    spread = amplitude
    for _ in range(steps):
        spread *= roughness
        nxt = []
        for a, b in pairwise(heights):
            nxt += [a, (a + b) / 2 + rng.uniform(-spread, spread)]
        heights = [*nxt, heights[-1]]
    n = len(heights) - 1
    return [(i * W / n, h) for i, h in enumerate(heights)] + [(W, H), (0, H)]


def layered_hills(
    img: Image.Image,
    rng: random.Random,
    sky: str,
    near: str,
    layers: int,
    top: float,
    bottom: float,
    amplitude: float,
) -> None:
    draw = ImageDraw.Draw(img)
    for i in range(layers):
        t = (i + 1) / layers
        colour = mix(rgb(sky), rgb(near), 0.35 + 0.65 * t)
        base = top + (bottom - top) * i / max(1, layers - 1)
        draw.polygon(ridge(rng, base, amplitude * (1.2 - 0.5 * t)), fill=colour)


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size * SCALE)


def rotated_box(
    draw: ImageDraw.ImageDraw,
    cx: float,
    cy: float,
    w: float,
    h: float,
    angle: float,
    fill: tuple[int, int, int],
) -> None:
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    draw.polygon([(cx + x * c - y * s, cy + x * s + y * c) for x, y in pts], fill=fill)


def grain(img: Image.Image, rng: random.Random, amount: int = 10) -> Image.Image:
    """A little film grain so flat areas look photographic, not vector."""
    size = (W // 4, H // 4)
    noise = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    noise = noise.resize((W, H), Image.BICUBIC)
    return Image.blend(img, Image.merge("RGB", (noise, noise, noise)), amount / 200)


# --------------------------------------------------------------------------- painters


def paint_mountains(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#2c3e66", "#f3b27a")
    glow(img, (W * rng.uniform(0.25, 0.7), H * 0.55), 180, "#ffe2a8", 230)
    layered_hills(img, rng, "#f0b488", "#1d2433", 5, H * 0.38, H * 0.78, 150)
    haze = Image.new("L", img.size, 0)
    ImageDraw.Draw(haze).rectangle((0, H * 0.45, W, H * 0.7), fill=90)
    img.paste(
        Image.new("RGB", img.size, rgb("#d9c2a8")),
        (0, 0),
        haze.filter(ImageFilter.GaussianBlur(70)),
    )
    return img


def _house(
    draw: ImageDraw.ImageDraw, rng: random.Random, x: float, ground: float, tilt: float
) -> None:
    w, h = rng.uniform(160, 280), rng.uniform(160, 320)
    wall = mix(rgb("#c9b8a0"), rgb("#8d7b68"), rng.random())
    rotated_box(draw, x, ground - h / 2, w, h, tilt, wall)
    for row in range(int(h // 90)):
        for col in range(int(w // 80)):
            wx = x - w / 2 + 30 + col * 80
            wy = ground - h + 30 + row * 90
            draw.rectangle((wx, wy, wx + 36, wy + 48), fill=rgb("#3a3430"))
    roof = mix(rgb("#7a3b2e"), rgb("#4a4a4a"), rng.random())
    draw.polygon(
        [(x - w / 2 - 15, ground - h), (x, ground - h - 90), (x + w / 2 + 15, ground - h)],
        fill=roof,
    )


def paint_rubble(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#8e99a6", "#d7d3cc")
    layered_hills(img, rng, "#c4c8cc", "#5d6650", 2, H * 0.35, H * 0.5, 90)
    draw = ImageDraw.Draw(img)
    ground = H * 0.72
    draw.rectangle((0, ground, W, H), fill=rgb("#6e6559"))
    x = 60.0
    while x < W:
        _house(draw, rng, x + 100, ground, rng.choice([0, 0, 4, -7, 11]))
        x += rng.uniform(260, 380)
    for _ in range(900):  # broken masonry in the foreground
        cx, cy = rng.uniform(0, W), rng.uniform(ground - 60, H)
        size = rng.uniform(10, 50) * (0.5 + (cy - ground) / H)
        shade = mix(rgb("#b3a58f"), rgb("#4b4238"), rng.random())
        rotated_box(draw, cx, cy, size * 1.6, size, rng.uniform(0, 180), shade)
    for _ in range(rng.randint(3, 5)):  # rescuers in high-visibility jackets
        px, py = rng.uniform(W * 0.1, W * 0.9), rng.uniform(ground + 20, H - 160)
        draw.rectangle((px, py, px + 34, py + 70), fill=rgb("#f26b1d"))
        draw.rectangle((px + 4, py + 70, px + 30, py + 130), fill=rgb("#2b2f3a"))
        draw.ellipse((px + 4, py - 34, px + 30, py - 4), fill=rgb("#f2d13c"))
    return grain(img, rng)


def paint_camp(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#7fa6c9", "#e6eef2")
    layered_hills(img, rng, "#c8d6e0", "#4e6b4a", 3, H * 0.28, H * 0.45, 110)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, H * 0.55, W, H), fill=rgb("#6f9a4f"))
    for row in range(6):
        y = H * 0.58 + row * row * 22 + row * 30
        scale = 0.45 + row * 0.25
        x = rng.uniform(-60, 0)
        while x < W + 100:
            w, h = 150 * scale, 95 * scale
            draw.polygon([(x, y + h), (x + w / 2, y), (x + w, y + h)], fill=rgb("#f4f4ef"))
            draw.polygon(
                [(x + w / 2, y), (x + w, y + h), (x + w * 0.62, y + h)], fill=rgb("#c9ccc6")
            )
            draw.polygon(
                [(x + w * 0.42, y + h), (x + w / 2, y + h * 0.45), (x + w * 0.58, y + h)],
                fill=rgb("#3d4a52"),
            )
            x += w * rng.uniform(1.25, 1.6)
    return grain(img, rng)


def paint_bank(rng: random.Random, stem: str) -> Image.Image:
    court = "court" in stem
    sky = rng.choice(["#9fb3c8", "#7f9fc4", "#aab4bd"]) if not court else "#b7b2a8"
    img = gradient(sky, "#eef0f2")
    draw = ImageDraw.Draw(img)
    stone = rgb(rng.choice(["#d8d0c0", "#cfc6b4", "#e0d8c8"]) if not court else "#c9bda6")
    shadow = mix(stone, (60, 60, 70), 0.35)
    left, right, top, bottom = W * 0.12, W * 0.88, H * 0.28, H * 0.8
    draw.polygon([(left - 40, top), (W / 2, top - 200), (right + 40, top)], fill=stone)
    draw.polygon([(left + 60, top - 15), (W / 2, top - 160), (right - 60, top - 15)], fill=shadow)
    draw.rectangle((left - 40, top, right + 40, top + 70), fill=stone)
    draw.rectangle((left, top + 70, right, bottom), fill=shadow)
    columns = 8 if not court else 6
    step = (right - left) / (columns - 1)
    for i in range(columns):
        cx = left + i * step
        draw.rectangle((cx - 38, top + 70, cx + 38, bottom), fill=stone)
        draw.rectangle((cx + 14, top + 70, cx + 38, bottom), fill=mix(stone, shadow, 0.5))
        draw.rectangle((cx - 50, top + 70, cx + 50, top + 100), fill=stone)
    for i in range(5):  # steps
        y = bottom + i * 40
        draw.rectangle(
            (left - 80 - i * 40, y, right + 80 + i * 40, y + 40),
            fill=mix(stone, (255, 255, 255), 0.1 * (i % 2)),
        )
    draw.rectangle((0, bottom + 200, W, H), fill=rgb("#8a8578"))
    return grain(img, rng)


def paint_skyline(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#24315e", "#f29e6d")
    glow(img, (W * rng.uniform(0.2, 0.8), H * 0.62), 150, "#ffd9a0", 200)
    draw = ImageDraw.Draw(img)
    for layer, colour in enumerate(("#4a4e6e", "#2f3350", "#1b1d30")):
        x = -rng.uniform(0, 80)
        while x < W:
            w = rng.uniform(90, 220)
            h = rng.uniform(200, 620) - layer * 90
            top = H * 0.92 - h - (2 - layer) * 40
            draw.rectangle((x, top, x + w, H), fill=rgb(colour))
            if layer == 2:
                for wy in range(int(top + 30), int(H - 40), 46):
                    for wx in range(int(x + 18), int(x + w - 24), 38):
                        if rng.random() < 0.42:
                            draw.rectangle(
                                (wx, wy, wx + 18, wy + 24),
                                fill=rgb(rng.choice(["#ffd27a", "#fbe7b0"])),
                            )
            x += w + rng.uniform(4, 30)
    return grain(img, rng)


def paint_port(rng: random.Random, stem: str) -> Image.Image:
    night = "night" in stem
    img = gradient("#1c2340" if night else "#8fb4d6", "#e58f5c" if night else "#e3ebef")
    draw = ImageDraw.Draw(img)
    quay = H * 0.66
    draw.rectangle((0, quay, W, H), fill=rgb("#2d3440" if night else "#7b8189"))
    palette = ["#c0392b", "#2e86c1", "#d68910", "#27ae60", "#7d3c98", "#566573", "#a04000"]
    for stack in range(16):
        x = stack * 130 + rng.uniform(-10, 10)
        for level in range(rng.randint(2, 6)):
            colour = rgb(rng.choice(palette))
            if night:
                colour = mix(colour, (10, 10, 30), 0.55)
            y = quay - (level + 1) * 58
            draw.rectangle((x, y, x + 120, y + 54), fill=colour)
            for rib in range(6):
                draw.line(
                    (x + 12 + rib * 19, y + 6, x + 12 + rib * 19, y + 48),
                    fill=mix(colour, (0, 0, 0), 0.25),
                    width=3,
                )
    steel = rgb("#1f2a38" if night else "#d35400")
    for crane in range(3):
        cx = W * (0.18 + crane * 0.3) + rng.uniform(-40, 40)
        draw.rectangle((cx - 90, quay - 560, cx - 70, quay), fill=steel)
        draw.rectangle((cx + 70, quay - 560, cx + 90, quay), fill=steel)
        draw.rectangle((cx - 260, quay - 600, cx + 330, quay - 570), fill=steel)
        draw.line((cx - 80, quay - 300, cx + 80, quay - 560), fill=steel, width=10)
        draw.line((cx + 80, quay - 300, cx - 80, quay - 560), fill=steel, width=10)
        draw.line((cx + 320, quay - 570, cx + 150, quay - 720), fill=steel, width=8)
        if night:
            glow(img, (cx, quay - 610), 28, "#fff2c0", 255)
    if night:
        for _ in range(14):
            glow(img, (rng.uniform(0, W), quay + rng.uniform(10, 120)), 14, "#ffd27a", 255)
    return grain(img, rng)


def _ship(
    draw: ImageDraw.ImageDraw, rng: random.Random, x: float, y: float, scale: float, hull: str
) -> None:
    length, depth = 700 * scale, 70 * scale
    draw.polygon(
        [
            (x, y),
            (x + length, y),
            (x + length - 50 * scale, y + depth),
            (x + 30 * scale, y + depth),
        ],
        fill=rgb(hull),
    )
    draw.rectangle((x + 40 * scale, y - 140 * scale, x + 120 * scale, y), fill=rgb("#eeeeee"))
    for stack in range(int((length - 200 * scale) // (44 * scale))):
        sx = x + 140 * scale + stack * 44 * scale
        for level in range(rng.randint(1, 3)):
            draw.rectangle(
                (
                    sx,
                    y - (level + 1) * 30 * scale,
                    sx + 40 * scale,
                    y - level * 30 * scale - 3 * scale,
                ),
                fill=rgb(rng.choice(["#b03a2e", "#1f618d", "#b9770e", "#5d6d7e"])),
            )


def paint_harbour(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#a9c4dc", "#f2efe6")
    glow(img, (W * 0.75, H * 0.25), 120, "#fff6dd", 180)
    draw = ImageDraw.Draw(img)
    horizon = H * 0.52
    x = 0.0
    while x < W:  # the distant city
        w, h = rng.uniform(30, 90), rng.uniform(20, 110)
        draw.rectangle((x, horizon - h, x + w, horizon), fill=rgb("#9aa7b4"))
        x += w + rng.uniform(0, 12)
    sea = gradient("#5f8fb0", "#2d5673", (W, int(H - horizon)))
    img.paste(sea, (0, int(horizon)))
    draw = ImageDraw.Draw(img)
    for i in range(rng.randint(2, 4)):
        scale = 0.35 + i * 0.25
        _ship(
            draw,
            rng,
            rng.uniform(-100, W * 0.6),
            horizon + 40 + i * 140,
            scale,
            rng.choice(["#34495e", "#7b241c", "#1b2631"]),
        )
    for _ in range(120):  # glints on the water
        gx, gy = rng.uniform(0, W), rng.uniform(horizon + 10, H)
        draw.line((gx, gy, gx + rng.uniform(20, 70), gy), fill=rgb("#a8c6da"), width=3)
    return grain(img, rng)


def _stars(img: Image.Image, rng: random.Random, count: int) -> None:
    draw = ImageDraw.Draw(img)
    for _ in range(count):
        x, y, r = rng.uniform(0, W), rng.uniform(0, H), rng.choice([1, 1, 2, 2, 3])
        v = rng.randint(140, 255)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(v, v, min(255, v + 20)))


def _nucleus(img: Image.Image, rng: random.Random, cx: float, cy: float, size: float) -> None:
    layer = Image.new("L", img.size, 0)
    d = ImageDraw.Draw(layer)
    d.ellipse((cx - size, cy - size * 0.8, cx + size * 0.2, cy + size * 0.7), fill=255)
    d.ellipse((cx + 0.05 * size, cy - size * 0.55, cx + size * 0.95, cy + size * 0.45), fill=255)
    body = gradient("#9a958d", "#3a3733", img.size)
    shade = ImageDraw.Draw(body)
    for _ in range(160):  # boulders and pits
        x = rng.uniform(cx - size, cx + size)
        y = rng.uniform(cy - size * 0.8, cy + size * 0.7)
        r = rng.uniform(4, size * 0.06)
        v = rng.randint(40, 150)
        shade.ellipse((x - r, y - r, x + r, y + r), fill=(v, v - 4, v - 8))
    img.paste(
        body.filter(ImageFilter.GaussianBlur(2)), (0, 0), layer.filter(ImageFilter.GaussianBlur(3))
    )


def paint_nucleus(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#020308", "#0b0d16")
    _stars(img, rng, 220)
    _nucleus(img, rng, W * 0.5, H * 0.52, H * 0.42)
    return img


def paint_comet(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#03040c", "#101634")
    _stars(img, rng, 400)
    if "jets" in stem:
        _nucleus(img, rng, W * 0.45, H * 0.58, H * 0.32)
        jets = Image.new("L", img.size, 0)
        d = ImageDraw.Draw(jets)
        for _ in range(7):
            x0 = W * 0.45 + rng.uniform(-60, 120)
            d.polygon(
                [
                    (x0 - 10, H * 0.4),
                    (x0 + 10, H * 0.4),
                    (x0 + rng.uniform(-160, 260), 0),
                    (x0 + rng.uniform(-260, 60), 0),
                ],
                fill=70,
            )
        img.paste(
            Image.new("RGB", img.size, rgb("#cfe3ff")),
            (0, 0),
            jets.filter(ImageFilter.GaussianBlur(30)),
        )
        return img
    tail = Image.new("L", img.size, 0)
    hx, hy = W * 0.68, H * 0.36
    ImageDraw.Draw(tail).polygon(
        [(hx, hy - 20), (hx, hy + 20), (0, H * 0.05), (W * 0.05, -H * 0.1)], fill=150
    )
    img.paste(
        Image.new("RGB", img.size, rgb("#bfe2ff")),
        (0, 0),
        tail.filter(ImageFilter.GaussianBlur(60)),
    )
    glow(img, (hx, hy), 60, "#f2fbff", 255)
    draw = ImageDraw.Draw(img)  # the probe, lower left of the comet
    px, py = W * 0.4, H * 0.7
    draw.rectangle((px - 60, py - 60, px + 60, py + 60), fill=rgb("#c8a64a"))
    draw.rectangle((px - 60, py - 60, px + 60, py - 40), fill=rgb("#e0c060"))
    for side in (-1, 1):
        x0 = px + side * 80
        x1 = px + side * 400
        draw.rectangle((min(x0, x1), py - 45, max(x0, x1), py + 45), fill=rgb("#1b2f6b"))
        for k in range(1, 8):
            lx = x0 + (x1 - x0) * k / 8
            draw.line((lx, py - 45, lx, py + 45), fill=rgb("#5670b0"), width=4)
        draw.line((px + side * 60, py, x0, py), fill=rgb("#aaaaaa"), width=8)
    draw.ellipse((px - 40, py - 150, px + 40, py - 110), outline=rgb("#dddddd"), width=6)
    draw.line((px, py - 110, px, py - 60), fill=rgb("#dddddd"), width=6)
    return img


def paint_controlroom(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#0a0f1c", "#1b2436")
    draw = ImageDraw.Draw(img)
    for row in range(2):
        for col in range(6):
            x, y = 60 + col * 305, 80 + row * 250
            draw.rectangle((x, y, x + 280, y + 200), fill=rgb("#0f2a44"))
            for k in range(6):
                wy = y + 30 + k * 26
                draw.line(
                    (x + 20, wy, x + 20 + rng.uniform(60, 240), wy),
                    fill=rgb(rng.choice(["#39c0ff", "#7cf0b0", "#f5d76e"])),
                    width=6,
                )
            glow(img, (x + 140, y + 100), 130, "#2a6fb0", 60)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, H * 0.72, W, H), fill=rgb("#141820"))
    for _ in range(9):  # people at the desks, seen from behind
        x = rng.uniform(60, W - 60)
        y = H * 0.72 + rng.uniform(-30, 40)
        draw.ellipse((x - 50, y - 170, x + 50, y - 60), fill=rgb("#05070b"))
        draw.rounded_rectangle((x - 110, y - 70, x + 110, y + 250), 60, fill=rgb("#05070b"))
    return grain(img, rng, 14)


def paint_lab(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#e8eef3", "#b9c6d0")
    draw = ImageDraw.Draw(img)
    for x in range(0, W, 240):
        glow(img, (x + 120, 30), 60, "#ffffff", 255)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, H * 0.68, W, H * 0.74), fill=rgb("#8c99a3"))
    draw.rectangle((0, H * 0.74, W, H), fill=rgb("#5d6a73"))
    cx, base = W * 0.5, H * 0.68
    draw.rectangle((cx - 300, base - 380, cx + 300, base), fill=rgb("#c9a227"))  # foil wrap
    for k in range(12):
        draw.line(
            (cx - 300 + k * 50, base - 380, cx - 280 + k * 50, base), fill=rgb("#e3c45a"), width=5
        )
    draw.ellipse((cx - 160, base - 560, cx + 160, base - 300), fill=rgb("#2c2f33"))
    draw.ellipse((cx - 110, base - 520, cx + 110, base - 340), fill=rgb("#0d1b2a"))
    glow(img, (cx - 30, base - 460), 40, "#6fa8dc", 200)
    draw = ImageDraw.Draw(img)
    for side in (-1, 1):  # engineers in clean-room suits
        x = cx + side * 560
        draw.rounded_rectangle((x - 90, base - 420, x + 90, base + 160), 70, fill=rgb("#f7f9fb"))
        draw.ellipse((x - 60, base - 540, x + 60, base - 400), fill=rgb("#f1f4f7"))
        draw.rectangle((x - 40, base - 500, x + 40, base - 460), fill=rgb("#7a8a99"))
    return grain(img, rng)


def paint_stadium(rng: random.Random, stem: str) -> Image.Image:
    empty = "empty-" in stem or stem.endswith("empty")
    evening = not empty
    img = gradient("#0d1530" if evening else "#7fb2e0", "#3a4a78" if evening else "#dfeaf3")
    draw = ImageDraw.Draw(img)
    stands_top = H * 0.22
    draw.polygon(
        [(0, stands_top), (W, stands_top), (W, H * 0.62), (0, H * 0.62)], fill=rgb("#3b3f4c")
    )
    for tier in range(3):  # tiers of seats
        y = stands_top + tier * 120
        draw.rectangle((0, y, W, y + 14), fill=rgb("#23262e"))
    if "empty-seats" in stem or not empty:
        for _ in range(4200 if "empty-seats" not in stem else 1500):
            x, y = rng.uniform(0, W), rng.uniform(stands_top + 10, H * 0.61)
            colour = rgb(rng.choice(["#c0392b", "#ecf0f1", "#2e86c1", "#f1c40f", "#1c1c1c"]))
            draw.ellipse((x - 5, y - 5, x + 5, y + 5), fill=colour)
    else:
        for y in range(int(stands_top + 20), int(H * 0.62), 22):
            draw.line((0, y, W, y), fill=rgb(rng.choice(["#b03a2e", "#a93226"])), width=12)
    pitch = [(W * 0.08, H), (W * 0.92, H), (W * 0.78, H * 0.62), (W * 0.22, H * 0.62)]
    draw.polygon([(0, H), (W, H), (W, H * 0.62), (0, H * 0.62)], fill=rgb("#2f7d32"))
    for k in range(8):  # mown stripes in perspective
        t0, t1 = k / 8, (k + 0.5) / 8
        y0, y1 = H * 0.62 + (H * 0.38) * t0**1.4, H * 0.62 + (H * 0.38) * t1**1.4
        draw.rectangle((0, y0, W, y1), fill=rgb("#38913b"))
    draw.line([*pitch, pitch[0]], fill=rgb("#f4f4f4"), width=6)
    draw.line(((W * 0.15, H * 0.81), (W * 0.85, H * 0.81)), fill=rgb("#f4f4f4"), width=6)
    draw.ellipse((W * 0.42, H * 0.76, W * 0.58, H * 0.86), outline=rgb("#f4f4f4"), width=6)
    for fx in (W * 0.06, W * 0.94):  # floodlight pylons
        draw.rectangle((fx - 8, H * 0.02, fx + 8, H * 0.3), fill=rgb("#555c66"))
        draw.rectangle((fx - 70, 0, fx + 70, H * 0.06), fill=rgb("#dfe6ee"))
        if evening:
            glow(img, (fx, H * 0.03), 140, "#fffbe6", 230)
    if not empty:
        draw = ImageDraw.Draw(img)
        for _ in range(rng.randint(5, 9)):  # players
            x, y = rng.uniform(W * 0.25, W * 0.75), rng.uniform(H * 0.7, H * 0.92)
            shirt = rgb(rng.choice(["#1f4e9c", "#c0392b"]))
            draw.rectangle((x - 14, y - 70, x + 14, y - 20), fill=shirt)
            draw.rectangle((x - 12, y - 20, x + 12, y + 20), fill=rgb("#f4f4f4"))
            draw.ellipse((x - 11, y - 95, x + 11, y - 71), fill=rgb("#8d5b3e"))
        bx, by = rng.uniform(W * 0.3, W * 0.7), rng.uniform(H * 0.74, H * 0.9)
        draw.ellipse((bx - 10, by - 10, bx + 10, by + 10), fill=rgb("#ffffff"))
    return grain(img, rng)


def paint_crowd(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#0b0f24", "#2b2346")
    draw = ImageDraw.Draw(img)
    for x in range(0, W, 260):  # houses around the square
        h = rng.uniform(260, 420)
        draw.rectangle((x, H * 0.55 - h, x + 250, H * 0.6), fill=rgb("#1d1a2c"))
        for wy in range(int(H * 0.55 - h + 30), int(H * 0.55), 70):
            for wx in (x + 40, x + 120, x + 190):
                if rng.random() < 0.6:
                    draw.rectangle((wx, wy, wx + 30, wy + 40), fill=rgb("#f6c96b"))
    draw.polygon(
        [(W * 0.46, H * 0.52), (W * 0.54, H * 0.52), (W * 0.52, H * 0.22), (W * 0.48, H * 0.22)],
        fill=rgb("#3b3650"),
    )  # the founder's statue
    draw.ellipse((W * 0.475, H * 0.15, W * 0.525, H * 0.23), fill=rgb("#3b3650"))
    for lx in (W * 0.15, W * 0.38, W * 0.62, W * 0.85):
        draw.rectangle((lx - 5, H * 0.3, lx + 5, H * 0.6), fill=rgb("#222222"))
        glow(img, (lx, H * 0.3), 70, "#ffd98a", 220)
    glow(img, (W * 0.3, H * 0.5), 90, "#ff3b2f", 150)  # a flare
    draw = ImageDraw.Draw(img)
    for row in range(40):  # heads and raised scarves, back rows first
        y = H * 0.52 + row * 13
        size = 10 + row * 0.9
        x = rng.uniform(-20, 0)
        while x < W:
            draw.ellipse(
                (x, y, x + size * 2, y + size * 2.4),
                fill=mix(rgb("#120f1c"), rgb("#3b2f3f"), rng.random()),
            )
            if rng.random() < 0.05:
                draw.rectangle(
                    (x, y - size * 3, x + size * 0.6, y),
                    fill=rgb(rng.choice(["#1f4e9c", "#f1f1f1"])),
                )
            x += size * rng.uniform(1.6, 2.4)
    return grain(img, rng, 14)


def paint_chip(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#0b3d2a", "#136b47")
    draw = ImageDraw.Draw(img)
    for _ in range(160):  # copper traces
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        colour = rgb(rng.choice(["#c99a3b", "#b5892f", "#2f8f63"]))
        points = [(x, y)]
        for _ in range(rng.randint(2, 5)):
            if rng.random() < 0.5:
                x += rng.choice([-1, 1]) * rng.uniform(60, 300)
            else:
                y += rng.choice([-1, 1]) * rng.uniform(60, 300)
            points.append((x, y))
        draw.line(points, fill=colour, width=6, joint="curve")
        draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill=rgb("#d9b35b"))
    cx, cy, half = W * rng.uniform(0.42, 0.58), H * 0.5, 300
    for k in range(14):  # pins
        offset = -half + 30 + k * (2 * half - 60) / 13
        for sx, sy, ex, ey in (
            (cx + offset, cy - half - 40, cx + offset, cy - half),
            (cx + offset, cy + half, cx + offset, cy + half + 40),
            (cx - half - 40, cy + offset, cx - half, cy + offset),
            (cx + half, cy + offset, cx + half + 40, cy + offset),
        ):
            draw.line((sx, sy, ex, ey), fill=rgb("#d7d7d7"), width=12)
    draw.rectangle((cx - half, cy - half, cx + half, cy + half), fill=rgb("#16181d"))
    draw.rectangle(
        (cx - half + 20, cy - half + 20, cx + half - 20, cy + half - 20),
        outline=rgb("#2b2f38"),
        width=6,
    )
    draw.ellipse(
        (cx - half + 40, cy - half + 40, cx - half + 80, cy - half + 80), fill=rgb("#2b2f38")
    )
    draw.text((cx, cy), "LX-7", font=font(46), fill=rgb("#8a8f99"), anchor="mm")
    glow(img, (cx - half * 0.4, cy - half * 0.5), 220, "#ffffff", 40)
    return grain(img, rng)


def paint_factory(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#9cc3e4", "#eef3f6")
    layered_hills(img, rng, "#cfdbe4", "#6d8a70", 2, H * 0.36, H * 0.44, 60)
    draw = ImageDraw.Draw(img)
    base = H * 0.62
    draw.rectangle((0, base - 10, W, base + 20), fill=rgb("#7b8a6a"))
    draw.rectangle((W * 0.1, base - 220, W * 0.9, base), fill=rgb("#d5d8dc"))
    for k in range(12):  # sawtooth roof
        x = W * 0.1 + k * (W * 0.8 / 12)
        draw.polygon(
            [(x, base - 220), (x, base - 320), (x + W * 0.8 / 12, base - 220)], fill=rgb("#aab3bb")
        )
        draw.line((x, base - 320, x, base - 220), fill=rgb("#5f6b76"), width=6)
    for k in range(20):
        x = W * 0.12 + k * 72
        draw.rectangle((x, base - 150, x + 40, base - 100), fill=rgb("#4f6a86"))
    draw.rectangle((W * 0.8, base - 520, W * 0.83, base - 220), fill=rgb("#9aa1a8"))
    draw.text((W * 0.3, base - 190), "LYRIX", font=font(34), fill=rgb("#2f4a7a"))
    lake = gradient("#7fa9c8", "#3f6f93", (W, int(H - base - 20)))
    img.paste(lake, (0, int(base + 20)))
    reflection = (
        img.crop((0, int(base - 320), W, int(base)))
        .transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        .filter(ImageFilter.GaussianBlur(6))
    )
    img.paste(
        Image.blend(reflection, lake.crop((0, 0, W, reflection.height)), 0.6), (0, int(base + 20))
    )
    draw = ImageDraw.Draw(img)
    for _ in range(18):
        x = rng.uniform(0, W)
        r = rng.uniform(40, 90)
        draw.ellipse((x - r, base - r * 1.6, x + r, base + 10), fill=rgb("#4c7a45"))
    return grain(img, rng)


def paint_mast(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#6d8fb3", "#e9e4d8")
    layered_hills(img, rng, "#d2d6d3", "#5c7352", 2, H * 0.62, H * 0.78, 70)
    draw = ImageDraw.Draw(img)
    cx, top, base = W * 0.55, H * 0.1, H * 0.85
    steel = rgb("#5a606a")
    draw.line((cx - 120, base, cx - 20, top), fill=steel, width=10)
    draw.line((cx + 120, base, cx + 20, top), fill=steel, width=10)
    for k in range(14):
        t0, t1 = k / 14, (k + 1) / 14
        y0, y1 = base - (base - top) * t0, base - (base - top) * t1
        w0, w1 = 120 - 100 * t0, 120 - 100 * t1
        draw.line((cx - w0, y0, cx + w1, y1), fill=steel, width=5)
        draw.line((cx + w0, y0, cx - w1, y1), fill=steel, width=5)
    for side in (-1, 1):
        for k in range(2):
            x = cx + side * 55
            y = top + 60 + k * 150
            draw.rectangle((x - 18, y, x + 18, y + 120), fill=rgb("#e9ecef"))
    for r in (180, 260, 340):  # signal arcs, broken on one side
        draw.arc(
            (cx - r, top + 70 - r, cx + r, top + 70 + r), 200, 250, fill=rgb("#ffffff"), width=10
        )
        draw.arc(
            (cx - r, top + 70 - r, cx + r, top + 70 + r), 290, 340, fill=rgb("#c0392b"), width=10
        )
    return grain(img, rng)


def paint_streetscene(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#b4c2cf", "#e6e8ea")
    draw = ImageDraw.Draw(img)
    pavement = H * 0.74
    x = 0.0
    while x < W:
        w = rng.uniform(300, 460)
        h = rng.uniform(600, 820)
        facade = mix(rgb("#b08d6e"), rgb("#d8cbb5"), rng.random())
        draw.rectangle((x, pavement - h, x + w, pavement), fill=facade)
        for wy in range(int(pavement - h + 50), int(pavement - 300), 130):
            for wx in range(int(x + 40), int(x + w - 70), 110):
                draw.rectangle((wx, wy, wx + 60, wy + 90), fill=rgb("#44515e"))
        draw.rectangle((x + 30, pavement - 260, x + w - 30, pavement), fill=rgb("#2f3b46"))
        draw.rectangle(
            (x + 30, pavement - 300, x + w - 30, pavement - 260),
            fill=rgb(rng.choice(["#1f618d", "#7b241c", "#1e8449", "#34495e"])),
        )
        x += w
    draw.rectangle((0, pavement, W, pavement + 60), fill=rgb("#9a9a98"))
    draw.rectangle((0, pavement + 60, W, H), fill=rgb("#4a4d52"))
    px, py = W * 0.55, H * 0.86  # police car
    draw.rounded_rectangle((px - 300, py - 110, px + 300, py + 40), 30, fill=rgb("#f4f6f7"))
    draw.polygon(
        [(px - 180, py - 110), (px - 110, py - 200), (px + 130, py - 200), (px + 200, py - 110)],
        fill=rgb("#f4f6f7"),
    )
    draw.rectangle((px - 300, py - 50, px + 300, py - 20), fill=rgb("#1a4f9c"))
    draw.rectangle((px - 60, py - 225, px + 60, py - 200), fill=rgb("#1a4f9c"))
    for wx in (-190, 190):
        draw.ellipse((px + wx - 55, py - 5, px + wx + 55, py + 105), fill=rgb("#1b1b1b"))
    glow(img, (px - 30, py - 212), 50, "#3a7bff", 220)
    for k in range(int(W // 60)):  # police tape
        draw.line(
            (k * 60, pavement + 10, k * 60 + 30, pavement + 10), fill=rgb("#f1c40f"), width=12
        )
    return grain(img, rng)


def paint_museum(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#8fb8dc", "#f0f1ea")
    draw = ImageDraw.Draw(img)
    bank = H * 0.64
    draw.rectangle((W * 0.2, bank - 500, W * 0.8, bank), fill=rgb("#a0553b"))
    draw.polygon(
        [(W * 0.18, bank - 500), (W * 0.5, bank - 700), (W * 0.82, bank - 500)], fill=rgb("#4d4f57")
    )
    for row in range(3):
        for col in range(9):
            x = W * 0.24 + col * 118
            y = bank - 460 + row * 150
            draw.rounded_rectangle((x, y, x + 60, y + 100), 25, fill=rgb("#f4efe2"))
            draw.rectangle((x + 8, y + 10, x + 52, y + 92), fill=rgb("#3d5166"))
    draw.rectangle((W * 0.46, bank - 160, W * 0.54, bank), fill=rgb("#3b2a22"))
    draw.rectangle((0, bank, W, bank + 30), fill=rgb("#6f8f4e"))
    for _ in range(10):
        x = rng.choice([rng.uniform(0, W * 0.18), rng.uniform(W * 0.82, W)])
        r = rng.uniform(70, 130)
        draw.ellipse((x - r, bank - r * 2.6, x + r, bank - r * 0.6), fill=rgb("#3f6d3a"))
        draw.rectangle((x - 10, bank - r, x + 10, bank), fill=rgb("#4a3a2c"))
    river_top = int(bank + 30)
    reflection = (
        img.crop((0, river_top - (H - river_top), W, river_top))
        .transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        .filter(ImageFilter.GaussianBlur(5))
    )
    water = gradient("#5d87a3", "#35607c", reflection.size)
    img.paste(Image.blend(reflection, water, 0.55), (0, river_top))
    return grain(img, rng)


def _swift(draw: ImageDraw.ImageDraw, x: float, y: float, size: float, angle: float) -> None:
    c, s = math.cos(angle), math.sin(angle)
    shape = [
        (-1.0, 0.15),
        (-0.45, -0.05),
        (-0.1, -0.12),
        (0.05, -0.3),
        (0.2, -0.1),
        (0.3, 0),
        (0.2, 0.08),
        (0.05, 0.25),
        (-0.1, 0.1),
        (-0.45, 0.08),
    ]
    draw.polygon(
        [(x + size * (px * c - py * s), y + size * (px * s + py * c)) for px, py in shape],
        fill=rgb("#17120f"),
    )
    draw.polygon(
        [
            (x + size * (px * c - py * s), y + size * (px * s + py * c))
            for px, py in ((0.3, 0), (1.0, -0.35), (0.6, 0.0), (1.0, 0.35))
        ],
        fill=rgb("#17120f"),
    )


def paint_birds(rng: random.Random, stem: str) -> Image.Image:
    img = gradient("#3e4f86", "#f7a35c")
    glow(img, (W * 0.3, H * 0.86), 200, "#ffd59a", 230)
    layered_hills(img, rng, "#e49a68", "#2b2430", 2, H * 0.8, H * 0.9, 40)
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(9, 14)):
        _swift(
            draw,
            rng.uniform(80, W - 80),
            rng.uniform(80, H * 0.7),
            rng.uniform(40, 140),
            rng.uniform(-0.5, 0.5) + math.pi * rng.choice([0, 1]),
        )
    return grain(img, rng)


def paint_tennis(rng: random.Random, stem: str) -> Image.Image:
    img = Image.new("RGB", (W, H), rgb("#3c7a4a"))
    draw = ImageDraw.Draw(img)
    court = (W * 0.12, H * 0.1, W * 0.88, H * 0.9)
    draw.rectangle(court, fill=rgb("#2d5ea8"))
    white = rgb("#f5f7fa")
    x0, y0, x1, y1 = court
    draw.rectangle(court, outline=white, width=10)
    draw.line((x0, y0 + (y1 - y0) * 0.12, x1, y0 + (y1 - y0) * 0.12), fill=white, width=8)
    draw.line((x0, y1 - (y1 - y0) * 0.12, x1, y1 - (y1 - y0) * 0.12), fill=white, width=8)
    mid = (x0 + x1) / 2
    draw.line((mid, y0, mid, y1), fill=rgb("#1c1c1c"), width=14)  # the net
    draw.line(
        (
            x0 + (x1 - x0) * 0.23,
            y0 + (y1 - y0) * 0.12,
            x0 + (x1 - x0) * 0.23,
            y1 - (y1 - y0) * 0.12,
        ),
        fill=white,
        width=8,
    )
    draw.line(
        (
            x1 - (x1 - x0) * 0.23,
            y0 + (y1 - y0) * 0.12,
            x1 - (x1 - x0) * 0.23,
            y1 - (y1 - y0) * 0.12,
        ),
        fill=white,
        width=8,
    )
    draw.line((x0 + (x1 - x0) * 0.23, H / 2, x1 - (x1 - x0) * 0.23, H / 2), fill=white, width=8)
    bx, by = rng.uniform(W * 0.55, W * 0.75), rng.uniform(H * 0.3, H * 0.6)
    draw.ellipse((bx - 8, by + 30, bx + 42, by + 60), fill=rgb("#223f70"))
    draw.ellipse((bx - 22, by - 22, bx + 22, by + 22), fill=rgb("#d8f03c"))
    px, py = W * 0.28, H * 0.55  # the player, from above
    draw.ellipse((px - 60, py - 60, px + 60, py + 60), fill=rgb("#f3f3f3"))
    draw.ellipse((px - 30, py - 30, px + 30, py + 30), fill=rgb("#4a2e1e"))
    draw.line((px + 40, py - 20, px + 150, py - 90), fill=rgb("#111111"), width=10)
    draw.ellipse((px + 130, py - 150, px + 210, py - 60), outline=rgb("#111111"), width=10)
    return grain(img, rng)


# --------------------------------------------------------------------------- charts

#: Figures drawn in charts (invented, consistent with the articles that use them).
CHARTS: dict[str, dict] = {
    "rate-chart-policy": {
        "title": "Main policy rate, %",
        "kind": "line",
        "labels": ["2020", "2021", "2022", "2023", "2024", "2025"],
        "values": [0.25, 0.25, 0.25, 1.5, 3.0, 4.25, 4.25, 4.25, 4.25, 4.25, 4.25, 4.0],
    },
    "rate-markets-chart": {
        "title": "Two-year government bond yield, %",
        "kind": "bar",
        "labels": ["Mon", "Tue", "Wed", "Thu"],
        "values": [3.68, 3.66, 3.52, 3.46],
        "floor": 3.0,
    },
    "chip-share-chart": {
        "title": "Lyrix share price, crowns",
        "kind": "bar",
        "labels": ["Tue", "Wed", "Thu", "Fri", "Mon"],
        "values": [32.4, 32.0, 32.1, 32.06, 40.6],
        "floor": 25.0,
        "target": (42.0, "Offer: 42"),
    },
    "outage-network-chart": {
        "title": "Telvia customers able to connect, %",
        "kind": "line",
        "labels": ["4 a.m.", "8", "noon", "4 p.m.", "8"],
        "values": [99, 99, 12, 4, 3, 5, 9, 22, 61, 97, 99, 99],
    },
    "outage-telvia-shares": {
        "title": "Telvia share price, crowns",
        "kind": "bar",
        "labels": ["Mon", "Tue", "Wed", "Thu", "Fri"],
        "values": [24.8, 24.9, 25.0, 24.55, 23.52],
        "floor": 20.0,
    },
    "grocer-sales-chart": {
        "title": "Fairmart like-for-like sales growth, %",
        "kind": "bar",
        "labels": ["Q1 '24", "Q2", "Q3", "Q4", "Q1 '25", "Q2", "Latest"],
        "values": [2.1, 2.8, 3.3, 4.0, 4.6, 5.2, 6.8],
    },
    "quake-map-chart": {
        "title": "Aftershocks per 6 hours since the main shock",
        "kind": "bar",
        "labels": ["0-6h", "6-12h", "12-18h", "18-24h", "24-30h"],
        "values": [61, 33, 21, 16, 11],
    },
}


def paint_chart(rng: random.Random, stem: str) -> Image.Image:
    spec = CHARTS[stem]
    img = gradient("#fbfaf7", "#eeebe4")
    draw = ImageDraw.Draw(img)
    left, right, top, bottom = 170, W - 90, 190, H - 150
    draw.text((left, 70), spec["title"], font=font(30), fill=rgb("#1f2933"))
    values = spec["values"]
    # Share prices and yields start from a floor, or a small move would not show.
    low = spec.get("floor", 0.0)
    high = low + (max([*values, spec.get("target", (0, ""))[0]]) - low) * 1.15
    values = [v - low for v in values]
    high -= low
    for k in range(5):  # gridlines with their values
        v = low + high * k / 4
        y = bottom - (bottom - top) * k / 4
        draw.line((left, y, right, y), fill=rgb("#d5d0c6"), width=3)
        draw.text(
            (left - 20, y),
            f"{v:.1f}" if high < 20 else f"{v:.0f}",
            font=font(16),
            fill=rgb("#6b7280"),
            anchor="rm",
        )
    accent = rgb("#c2410c")
    if spec["kind"] == "bar":
        n = len(values)
        slot = (right - left) / n
        for i, v in enumerate(values):
            x = left + i * slot + slot * 0.2
            y = bottom - (bottom - top) * v / high
            colour = accent if i == n - 1 else rgb("#335c81")
            draw.rectangle((x, y, x + slot * 0.6, bottom), fill=colour)
            draw.text(
                (x + slot * 0.3, y - 14),
                f"{v + low:g}",
                font=font(16),
                fill=rgb("#1f2933"),
                anchor="ms",
            )
            draw.text(
                (x + slot * 0.3, bottom + 40),
                spec["labels"][i],
                font=font(16),
                fill=rgb("#4b5563"),
                anchor="mm",
            )
    else:
        n = len(values)
        points = [
            (left + (right - left) * i / (n - 1), bottom - (bottom - top) * v / high)
            for i, v in enumerate(values)
        ]
        draw.polygon([*points, (right, bottom), (left, bottom)], fill=rgb("#f3d9c9"))
        draw.line(points, fill=accent, width=10, joint="curve")
        for x, y in points:
            draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=accent)
        labels = spec["labels"]
        for i, label in enumerate(labels):
            x = left + (right - left) * i / (len(labels) - 1)
            draw.text((x, bottom + 40), label, font=font(16), fill=rgb("#4b5563"), anchor="mm")
    if "target" in spec:
        value, label = spec["target"]
        y = bottom - (bottom - top) * (value - low) / high
        for x in range(left, right, 40):
            draw.line((x, y, x + 22, y), fill=rgb("#111827"), width=4)
        draw.text((right, y - 12), label, font=font(16), fill=rgb("#111827"), anchor="rs")
    draw.line((left, bottom, right, bottom), fill=rgb("#1f2933"), width=4)
    return img


PAINTERS = {
    "mountains": paint_mountains,
    "rubble": paint_rubble,
    "camp": paint_camp,
    "bank": paint_bank,
    "courthouse": paint_bank,
    "skyline": paint_skyline,
    "port": paint_port,
    "harbour": paint_harbour,
    "comet": paint_comet,
    "nucleus": paint_nucleus,
    "controlroom": paint_controlroom,
    "lab": paint_lab,
    "stadium": paint_stadium,
    "crowd": paint_crowd,
    "chip": paint_chip,
    "factory": paint_factory,
    "mast": paint_mast,
    "streetscene": paint_streetscene,
    "museum": paint_museum,
    "birds": paint_birds,
    "tennis": paint_tennis,
    "linechart": paint_chart,
    "barchart": paint_chart,
    "quakechart": paint_chart,
}


def paint(stem: str, painter: str) -> bytes:
    """One picture as JPEG bytes; the seed comes from its name, so it never changes."""
    seed = zlib.crc32(stem.encode("utf-8"))
    img = PAINTERS[painter](random.Random(seed), stem)
    img = img.resize(SIZE, Image.LANCZOS)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check",
        action="store_true",
        help="verify the committed files match a fresh build; write nothing",
    )
    parser.add_argument("--only", help="paint only this image stem (for tuning)")
    args = parser.parse_args(argv)
    source = parse_source(SOURCE.read_text(encoding="utf-8"))
    articles = build_articles(source)
    painters = {im["stem"]: im["painter"] for a in source for im in a["images"]}
    outputs = {OUTPUT: (json.dumps(articles, ensure_ascii=False, indent=1) + "\n").encode()}
    for stem, painter in sorted(painters.items()):
        if args.only and stem != args.only:
            continue
        outputs[IMAGES / f"{stem}.jpg"] = paint(stem, painter)
    stale = [p for p, data in outputs.items() if not p.is_file() or p.read_bytes() != data]
    if args.check:
        for path in stale:
            print(f"differs: {path.relative_to(HERE)}")
        return 1 if stale else 0
    IMAGES.mkdir(exist_ok=True)
    for path in stale:
        path.write_bytes(outputs[path])
    print(f"{len(articles)} articles, {len(painters)} images; {len(stale)} files written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
