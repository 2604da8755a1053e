"""A tiny PNG reader for the tests: 8-bit RGB or RGBA, not interlaced (what Chromium's --screenshot writes)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import NamedTuple

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {2: 3, 6: 4}  # colour type: RGB, RGBA


class Image(NamedTuple):
    """Pixels as rows of (red, green, blue) triples."""

    width: int
    height: int
    rows: list[list[tuple[int, int, int]]]


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind: int, line: bytearray, above: bytearray, step: int) -> None:
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        up = above[i]
        corner = above[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            line[i] = (line[i] + _paeth(left, up, corner)) & 0xFF


def read_png(path: Path) -> Image:
    """The image at `path`; an unsupported kind of PNG is an AssertionError."""
    data = path.read_bytes()
    assert data[:8] == SIGNATURE, f"{path} is not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in CHANNELS and interlace == 0, f"unsupported PNG: depth {depth}, colour {colour}"
    step = CHANNELS[colour]
    raw = zlib.decompress(idat)
    stride = width * step
    above = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(raw[start], line, above, step)
        rows.append([(line[x], line[x + 1], line[x + 2]) for x in range(0, stride, step)])
        above = line
    return Image(width, height, rows)


def count_bluish(image: Image, box: tuple[int, int, int, int], over_red: int = 50) -> int:
    """How many pixels inside box (left, top, right, bottom) have at least `over_red` more blue than red.

    A blue line's pixels, its anti-aliased edges included; not white, greys or black.
    """
    left, top, right, bottom = box
    rows = image.rows[max(0, top) : min(image.height, bottom)]
    inside = (pixel for row in rows for pixel in row[max(0, left) : min(image.width, right)])
    return sum(1 for red, _, blue in inside if blue - red >= over_red)
