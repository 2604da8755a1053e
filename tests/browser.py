"""Headless Chromium for the report's page tests: measure a page's layout, take a screenshot, print it to PDF.

Chromium is found on PATH (Debian's `chromium`, which .ci/run installs). Without it a test is
skipped on a developer's machine, and fails where it must run: in CI (CI=true) or when .ci/run
has installed it (BACKSPASM_REQUIRE_CHROMIUM=1).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

import pytest

NAMES = ("chromium", "chromium-browser", "google-chrome")
# Robust in a container (no sandbox, no GPU) and a closed network: no background connection,
# update, sync or first-run page; a fresh profile each run.
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
]
MIN_HEIGHT = 400  # px: the shortest window asked for
TIMEOUT = 180  # seconds: two cores shared with other work
REQUIRED = ("1", "true", "yes")


def chromium() -> str:
    """The Chromium executable; skipped when missing here, a failure where the tests must run."""
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    if any(os.environ.get(v, "").lower() in REQUIRED for v in ("CI", "BACKSPASM_REQUIRE_CHROMIUM")):
        pytest.fail("Chromium is missing: .ci/run installs the Debian package chromium")
    pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")


def run(work: Path, *args: str) -> str:
    """Run headless Chromium with a fresh profile in `work`; its standard output."""
    profile = work / f"profile-{len(list(work.glob('profile-*')))}"
    command = [chromium(), *FLAGS, f"--user-data-dir={profile}", *args]
    # Its own process group, so that a timeout ends the renderer and helper processes too.
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    ) as process:
        try:
            out, err = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            pytest.fail(f"Chromium did not finish within {TIMEOUT} s: {' '.join(args)}")
    assert process.returncode == 0, err[-3000:]
    return out


# The report in an iframe of the width wanted: a headless window is never narrower than 500 px, but
# a frame is laid out at its own width, media queries included. srcdoc keeps the frame same-origin,
# so the page around it can measure it once everything has loaded.
HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>body {{ margin: 0 }} iframe {{ border: 0; display: block }}</style></head>
<body><div style="height: {window}px; overflow: hidden">
<iframe id="report" width="{width}" height="{height}" scrolling="no" srcdoc="{page}"
        style="margin-top: -{top}px"></iframe>
</div>
<pre id="measured"></pre>
<script>
window.addEventListener("load", () => {{
  const doc = document.getElementById("report").contentDocument;
  const width = doc.documentElement.clientWidth;
  const over = [], outside = new Set();
  for (const el of doc.body.querySelectorAll("*")) {{
    const box = el.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 0.5 || box.left < -0.5)) {{
      outside.add(el);
      if (outside.has(el.parentElement)) continue;  // name the outermost element only
      over.push(el.tagName.toLowerCase() + " " + Math.round(box.left) + ".." + Math.round(box.right)
                + " " + (el.textContent || "").trim().slice(0, 40));
    }}
  }}
  // A word (a run of letters and digits) drawn on two lines was broken in two.
  const broken = [], walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT), range = doc.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
    for (const word of node.data.matchAll(/[\\p{{L}}\\p{{N}}]+/gu)) {{
      range.setStart(node, word.index);
      range.setEnd(node, word.index + word[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (tops.size > 1) broken.push(word[0]);
    }}
  }}
  const edges = box => ({{left: box.left, top: box.top, right: box.right, bottom: box.bottom}});
  // The charts shown: a report also holds a lower chart for paper, which the screen never shows.
  const charts = [...doc.querySelectorAll("svg")].filter(svg => svg.getBoundingClientRect().width > 0).map(svg => ({{
    ...edges(svg.getBoundingClientRect()),
    lines: [...svg.querySelectorAll(".mean")].map(line => edges(line.getBoundingClientRect())),
    points: svg.querySelectorAll(".day").length,
    labels: [...svg.querySelectorAll("text")].map(text => ({{
      ...edges(text.getBoundingClientRect()), text: text.textContent,
      size: parseFloat(getComputedStyle(text).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
    }})),
  }}));
  document.getElementById("measured").textContent = JSON.stringify({{
    width: width, scrollWidth: doc.documentElement.scrollWidth, height: doc.documentElement.scrollHeight,
    overflowing: over.slice(0, 20), charts: charts, broken: broken.slice(0, 20),
    viewport: (doc.querySelector('meta[name="viewport"]') || {{}}).content || "",
  }});
}});
</script></body></html>
"""


def harness(page: str, width: int, height: int, top: int = 0, window: int | None = None) -> str:
    """A page that shows `page` at `width` x `height` CSS pixels from `top` down, and measures it into #measured."""
    shown = height if window is None else window
    return HARNESS.format(width=width, height=height, top=top, window=shown, page=html.escape(page, quote=True))


def measure(work: Path, page: str, width: int) -> dict[str, Any]:
    """Lay `page` out at `width` px in Chromium: its widths, height, overflowing elements, broken words, charts."""
    path = work / f"measure-{width}.html"
    path.write_text(harness(page, width, 1000), encoding="utf-8")
    dom = run(work, "--window-size=1200,1000", "--dump-dom", path.as_uri())
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    assert found and found.group(1), "the measuring script did not run"
    return dict(json.loads(html.unescape(found.group(1))))


def screenshot(work: Path, page: str, width: int, top: int, height: int) -> Path:
    """A PNG, `width` x `height` px, of `page` laid out at `width` px and scrolled `top` px down."""
    path = work / f"shot-{width}.html"
    path.write_text(harness(page, width, top + height, top=top, window=height), encoding="utf-8")
    png = work / f"shot-{width}.png"
    # A headless window is at least about 100 px tall, or it is laid out blank: ask for enough; below
    # `height` the picture shows the measuring harness, which the tests do not read.
    run(work, f"--window-size={width},{max(height, MIN_HEIGHT)}", f"--screenshot={png}", path.as_uri())
    return png


def print_to_pdf(work: Path, page: str, paper: str) -> Path:
    """The page printed to PDF by Chromium on `paper` (a CSS page size: A4, letter), no header or footer."""
    path = work / f"print-{paper}.html"
    sized = page.replace("</head>", f"<style>@page {{ size: {paper}; }}</style>\n</head>", 1)
    assert sized != page, "the page has no </head>"
    path.write_text(sized, encoding="utf-8")
    pdf = work / f"print-{paper}.pdf"
    run(work, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri())
    return pdf
