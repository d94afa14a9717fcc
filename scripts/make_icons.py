#!/usr/bin/env python3
"""Draws Crossover's app icons (static/icons/icon-192.png, icon-512.png) with the standard library only.

The picture: two cost lines crossing on the accent blue (--accent) — a white one and an amber one
(--focus), like the break-even point of the crossover chart. Full-bleed square so it also
works as a maskable icon (the important part stays inside the central 80 % safe zone).

Run from the repository root: python3 scripts/make_icons.py  (the PNGs are committed; rerun only
to change the design).
"""
import struct
import zlib
from pathlib import Path

BG = (0x0B, 0x62, 0xC4)      # --accent
LINE_A = (0xFF, 0xFF, 0xFF)  # white
LINE_B = (0xFF, 0x9F, 0x1C)  # --focus (amber)


def png(width, height, rows):
    """rows: list of bytes, each width*3 RGB bytes."""
    raw = b"".join(b"\x00" + r for r in rows)  # filter type 0 per scanline

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def dist_to_segment(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    cx, cy = ax + t * dx, ay + t * dy
    return ((px - cx) ** 2 + (py - cy) ** 2) ** 0.5


def draw(size):
    s = size
    half_w = s * 0.045  # half the stroke width
    # Segments inside the safe zone (10 %–90 %).
    a = (s * 0.2, s * 0.3, s * 0.8, s * 0.72)   # falling (in screen coordinates: going down)
    b = (s * 0.2, s * 0.75, s * 0.8, s * 0.25)  # rising
    rows = []
    for y in range(s):
        row = bytearray()
        for x in range(s):
            px, py = x + 0.5, y + 0.5
            colour = BG
            # Anti-aliased by coverage of a one-pixel ramp at the stroke edge; B drawn over A.
            for seg, ink in ((a, LINE_A), (b, LINE_B)):
                d = dist_to_segment(px, py, *seg)
                cover = max(0.0, min(1.0, half_w - d + 0.5))
                if cover > 0:
                    colour = tuple(round(c * (1 - cover) + i * cover) for c, i in zip(colour, ink))
            row += bytes(colour)
        rows.append(bytes(row))
    return png(s, s, rows)


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "static" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(draw(size))
        print(f"wrote {out / f'icon-{size}.png'}")
