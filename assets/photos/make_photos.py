"""Draw the example photos (a crowd, an off-center portrait, a hazy landscape) with Pillow.

They are generated, not photographed: CC0, see LICENSE.md. Run from the repository root:
`python assets/photos/make_photos.py`; the output is byte-stable for a given Pillow version.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

HERE = Path(__file__).parent


def _sky(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]
         ) -> Image.Image:
    ramp = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def crowd(size: tuple[int, int] = (1800, 1200)) -> Image.Image:
    """A rally in front of a civic building: sky, skyline, signs and a dense crowd below."""
    rng = random.Random(7)
    width, height = size
    image = _sky(size, (120, 170, 220), (235, 205, 170))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 60):  # the skyline
        top = int(height * rng.uniform(0.18, 0.42))
        shade = rng.randint(70, 120)
        draw.rectangle((x, top, x + rng.randint(50, 110), height), fill=(shade, shade + 8,
                                                                          shade + 20))
        for wy in range(top + 12, int(height * 0.6), 26):
            for wx in range(x + 8, x + 50, 16):
                if rng.random() < 0.5:
                    draw.rectangle((wx, wy, wx + 7, wy + 12), fill=(230, 220, 160))
    hall = (int(width * 0.38), int(height * 0.08), int(width * 0.62), height)  # city hall
    draw.rectangle(hall, fill=(222, 218, 205))
    draw.polygon([(hall[0] + 90, hall[1]), (hall[2] - 90, hall[1]),
                  ((hall[0] + hall[2]) // 2, hall[1] - 90)], fill=(210, 205, 190))
    for col in range(hall[0] + 20, hall[2] - 20, 34):
        draw.rectangle((col, int(height * 0.3), col + 14, height), fill=(190, 184, 170))
    signs = [(250, 250, 245), (255, 200, 40), (230, 60, 50), (40, 120, 200), (30, 30, 30)]
    for _ in range(26):  # placards over the heads
        x, y = rng.randint(0, width), int(height * rng.uniform(0.45, 0.6))
        w, h = rng.randint(90, 170), rng.randint(60, 110)
        draw.rectangle((x - 4, y, x + 4, y + 260), fill=(120, 90, 60))
        draw.rectangle((x - w // 2, y - h, x + w // 2, y), fill=rng.choice(signs))
        for line in range(2):
            ly = y - h + 15 + line * 28
            draw.rectangle((x - w // 2 + 12, ly, x + w // 2 - rng.randint(12, 40), ly + 14),
                           fill=(20, 20, 20))
    skins = [(241, 194, 160), (198, 134, 90), (141, 85, 54), (88, 57, 39), (224, 172, 105)]
    clothes = [(200, 40, 40), (40, 60, 120), (240, 240, 235), (30, 30, 30), (250, 180, 30),
               (60, 140, 90), (120, 70, 160)]
    for row in range(14):  # rows of people, nearer rows lower and larger
        y = int(height * (0.55 + row * 0.035))
        scale = 0.6 + row * 0.09
        x = -rng.randint(0, 40)
        while x < width:
            head = int(28 * scale)
            body = rng.choice(clothes)
            draw.ellipse((x - head * 1.6, y + head, x + head * 1.6, y + head * 5), fill=body)
            draw.ellipse((x - head, y - head, x + head, y + head), fill=rng.choice(skins))
            draw.chord((x - head, y - head - 4, x + head, y + head // 2), 180, 360,
                       fill=rng.choice([(30, 20, 15), (60, 40, 20), (15, 15, 15), (120, 90, 50)]))
            x += int(head * rng.uniform(2.2, 3.0))
    return image.filter(ImageFilter.GaussianBlur(1.2))


def portrait(size: tuple[int, int] = (1200, 1500)) -> Image.Image:
    """A speaker at a rally, face off-center (x 0.68, y 0.34), before a blurred background."""
    rng = random.Random(11)
    width, height = size
    back = _sky(size, (60, 80, 110), (150, 120, 90))
    draw = ImageDraw.Draw(back)
    for _ in range(70):  # out-of-focus lights and people
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(30, 120)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(
            [(240, 200, 120), (90, 110, 150), (200, 90, 70), (230, 230, 220), (50, 60, 70)]))
    image = back.filter(ImageFilter.GaussianBlur(28))
    draw = ImageDraw.Draw(image)
    cx, cy = int(width * 0.68), int(height * 0.34)
    draw.ellipse((cx - 330, cy + 230, cx + 330, cy + 1100), fill=(35, 70, 120))  # shoulders
    draw.polygon([(cx - 60, cy + 240), (cx + 60, cy + 240), (cx, cy + 420)], fill=(240, 240, 235))
    draw.rectangle((cx - 60, cy + 120, cx + 60, cy + 260), fill=(176, 116, 80))  # neck
    draw.ellipse((cx - 150, cy - 190, cx + 150, cy + 200), fill=(192, 130, 92))  # face
    draw.chord((cx - 165, cy - 215, cx + 165, cy + 40), 180, 360, fill=(40, 28, 22))  # hair
    for ex in (cx - 60, cx + 60):  # eyes and brows
        draw.ellipse((ex - 20, cy - 12, ex + 20, cy + 12), fill=(245, 240, 235))
        draw.ellipse((ex - 10, cy - 10, ex + 10, cy + 10), fill=(50, 30, 20))
        draw.rectangle((ex - 30, cy - 42, ex + 30, cy - 32), fill=(50, 32, 24))
    draw.arc((cx - 60, cy + 50, cx + 60, cy + 120), 20, 160, fill=(120, 50, 40), width=9)
    draw.rectangle((cx - 240, cy + 330, cx - 200, cy + 700), fill=(30, 30, 30))  # microphone
    draw.ellipse((cx - 260, cy + 280, cx - 180, cy + 360), fill=(60, 60, 60))
    return image.filter(ImageFilter.GaussianBlur(1.5))


def landscape(size: tuple[int, int] = (2000, 1200)) -> Image.Image:
    """Hazy hills at dawn over a valley town: all mid tones, little contrast."""
    rng = random.Random(5)
    width, height = size
    image = _sky(size, (176, 184, 196), (200, 196, 188))
    draw = ImageDraw.Draw(image)
    for layer in range(5):
        base = height * (0.38 + layer * 0.1)
        tone = 170 - layer * 14
        points = [(0, height)]
        for x in range(0, width + 40, 40):
            points.append((x, base + 60 * rng.random() - 40 * (layer % 2) *
                           (1 + (x / width - 0.5) ** 2)))
        points.append((width, height))
        draw.polygon(points, fill=(tone - 6, tone + 2, tone - 10))
    for _ in range(90):  # rooftops in the valley
        x, y = rng.randint(0, width), int(height * rng.uniform(0.78, 0.95))
        draw.rectangle((x, y, x + rng.randint(14, 40), y + rng.randint(8, 20)),
                       fill=(150, 138, 128))
    return image.filter(ImageFilter.GaussianBlur(3))


def main() -> None:
    for name, picture in (("crowd", crowd()), ("portrait", portrait()),
                          ("landscape", landscape())):
        picture.save(HERE / f"{name}.jpg", "JPEG", quality=82, optimize=True)


if __name__ == "__main__":
    main()
