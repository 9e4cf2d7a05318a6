"""Headless Chromium for the report self-tests and the docs' screenshots: a rendered page's DOM, or a PNG of
its first screen. A fresh profile each time, nothing from the network, every call bounded."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--virtual-time-budget=8000")
FIRST_SCREEN = "1280,900"
TIMEOUT = 120


def chromium() -> str:
    found = next((path for name in CHROMIUM if (path := shutil.which(name))), None)
    if found is None:
        raise RuntimeError("Chromium is not installed: apt-get install -y chromium (the report self-tests render "
                           "the HTML report with it)")
    return found


def browse(url: str, *action: str) -> subprocess.CompletedProcess[bytes]:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={FIRST_SCREEN}",
                               *action, url], capture_output=True, timeout=TIMEOUT, check=True)


def rendered(page: Path, fragment: str = "") -> str:
    """The page's DOM once its scripts ran."""
    return browse(page.resolve().as_uri() + fragment, "--dump-dom").stdout.decode("utf-8", errors="replace")


def screenshot(page: Path, png: Path) -> Path:
    """A PNG of the page's first screen (1280 by 900 pixels)."""
    browse(page.resolve().as_uri(), f"--screenshot={png.resolve()}")
    return png
