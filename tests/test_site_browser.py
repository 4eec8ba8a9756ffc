"""The site in a real browser: headless Chromium loads every page (in frames of one harness page), and
the index and a refuted node's page on their own, from the preview server on loopback, with no console
message (the pages run no script, so any message is a
problem: a blocked resource, a Content-Security-Policy violation), math in the rendered DOM, and a
screenshot of each kept as a test artifact (``build/test-artifacts/``, or ``$VERIFY_ARTIFACTS``).

Without a browser the tests skip and say so; under CI (``CI`` set, as ``.ci/run`` does) a missing
browser is a failure, since ``.ci/run`` installs it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from verify.pages import build_site, serve, slug

from site_report import SEEDS, real_report

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0"]
REFUTED = "sgd_pl_one_step_as_written"
ARTIFACTS = Path(os.environ.get("VERIFY_ARTIFACTS") or Path(__file__).resolve().parents[1] / "build" / "test-artifacts")


def _browser() -> str:
    found = next((path for path in map(shutil.which, BROWSERS) if path), None)
    if found is None:
        message = f"no headless browser ({', '.join(BROWSERS)}) on the PATH; Debian: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (.ci/run installs it, so CI must run these tests)")
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-site")
    build_site(real_report(), out, notes_dir=SEEDS if SEEDS.is_dir() else None)
    return out


@pytest.fixture(scope="module")
def served(site_dir):
    server = serve(site_dir, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _chromium(url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run headless Chromium on ``url`` with a fresh profile; stdout is what ``extra`` asks for."""
    return subprocess.run([_browser(), *FLAGS, f"--user-data-dir={profile}", "--window-size=1200,1600", *extra, url],
                          capture_output=True, text=True, timeout=120)


def _console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


@pytest.mark.parametrize("page,artifact", [("index.html", "index.png"),
                                           (f"nodes/{slug(REFUTED)}.html", "refuted-node.png")])
def test_page_loads_without_console_messages_and_is_screenshot(served, tmp_path, page, artifact):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / artifact
    target.unlink(missing_ok=True)
    done = _chromium(f"{served}/{page}", tmp_path / "profile", f"--screenshot={target}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert _console_messages(done.stderr) == []
    assert target.is_file() and target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 10_000


def test_the_refuted_page_has_math_and_its_counterexample_in_the_rendered_dom(served, tmp_path):
    done = _chromium(f"{served}/nodes/{slug(REFUTED)}.html", tmp_path / "profile", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert dom.count("<math") >= 3 and "<mfrac>" in dom
    assert "left side" in dom and "right side" in dom and 'class="badge badge-refuted"' in dom
    assert _console_messages(done.stderr) == []


def test_every_page_loads_without_console_messages(site_dir, served, tmp_path):
    """One browser run loads every page of the site, each in a frame of a harness page (the frames keep
    their own policy); a console message from any of them names its page."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))
    harness = site_dir / "all-pages-harness.html"
    frames = "".join(f'<iframe src="{page}" width="400" height="300"></iframe>' for page in pages)
    harness.write_text(f"<!doctype html><html><body>{frames}</body></html>", encoding="utf-8")
    try:
        done = _chromium(f"{served}/{harness.name}", tmp_path / "profile", "--virtual-time-budget=20000", "--dump-dom")
    finally:
        harness.unlink()
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.count("<iframe") == len(pages) >= len(real_report()["nodes"]) + 5
    assert _console_messages(done.stderr) == []


def test_a_page_that_breaks_its_policy_is_caught(served, tmp_path):
    """The console check can fail: a page loading an outside stylesheet is reported."""
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html><head><meta http-equiv="Content-Security-Policy" '
                    "content=\"default-src 'none'\"><link rel=stylesheet href=\"https://example.invalid/x.css\">"
                    "</head><body>x</body></html>")
    done = _chromium(page.as_uri(), tmp_path / "profile", "--dump-dom")
    assert _console_messages(done.stderr), done.stderr[-2000:]
