"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Chromium comes from `tests/browser/install_browser.sh`, axe-core from `npm ci`. Without them the tests are
skipped locally and fail in CI (CI=true).
"""

import os
import re

# Playwright's sync API keeps an asyncio loop in the test thread; Django would refuse database access
# from it. Tests only: never set this in settings.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
REPO_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PHONE = {
    "viewport": {"width": 375, "height": 812},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def missing_browser_parts() -> str:
    """Why the browser tests cannot run here, or "" when Chromium and axe-core are both installed."""
    missing = []
    if not CHROMIUM.exists():
        missing.append(f"{CHROMIUM} (run tests/browser/install_browser.sh)")
    if not AXE_SCRIPT.exists():
        missing.append(f"{AXE_SCRIPT.relative_to(REPO_ROOT)} (run npm ci)")
    return "browser tests need " + " and ".join(missing) if missing else ""


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    reason = missing_browser_parts()
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            # Skipped before any database set-up; in CI the session fixture below fails them instead.
            if reason and not running_in_ci():
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def _browser_available():
    reason = missing_browser_parts()
    if reason:
        pytest.fail(reason, pytrace=False)


@pytest.fixture(autouse=True)
def _requires_browser(_browser_available):
    """Every test in this folder needs Chromium and axe-core."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, _browser_available):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            # Nothing may leave the machine: every host except the live server's fails to resolve.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


class PageProblems:
    """What went wrong while a page was open: console errors, uncaught errors, requests to other hosts."""

    def __init__(self) -> None:
        self.allowed: list[re.Pattern] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.outside_requests: list[str] = []

    def watch(self, page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        page.on("request", self._on_request)

    def allow(self, pattern: str) -> None:
        """Expect console errors matching `pattern` (e.g. the 404 a test asks for on purpose)."""
        self.allowed.append(re.compile(pattern))

    def _on_console(self, message) -> None:
        if message.type == "error":
            location = message.location.get("url", "") if message.location else ""
            text = f"{message.text} ({location})"
            if not any(pattern.search(text) for pattern in self.allowed):
                self.console_errors.append(text)

    def _on_request(self, request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:", "ws:", "wss:")) and host not in LOCAL_HOSTS:
            self.outside_requests.append(request.url)

    def report(self) -> str:
        lines = []
        for title, items in (
            ("console errors", self.console_errors),
            ("page errors", self.page_errors),
            ("requests outside the site", self.outside_requests),
        ):
            if items:
                lines.append(f"{title}:")
                lines.extend(f"  - {item}" for item in items)
        return "\n".join(lines)


@pytest.fixture
def page_problems():
    """Call `page_problems.watch(page)` on any page; the test fails at teardown if something went wrong."""
    problems = PageProblems()
    yield problems
    report = problems.report()
    assert not report, report


@pytest.fixture
def page(page, page_problems):
    """pytest-playwright's desktop page, watched for errors and outside requests."""
    page_problems.watch(page)
    return page


@pytest.fixture
def phone_context(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, **PHONE})
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def phone_page(phone_context, page_problems):
    """A page in a 375×812 touch-screen phone context (zh-CN), watched for errors and outside requests."""
    page = phone_context.new_page()
    page_problems.watch(page)
    yield page
    page.close()


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n       ")
            if summary:
                lines.append(f"       {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


# Waits for short transitions (a fading-in message fails colour contrast half-way; Wagtail's help badge pulses
# for 25 s), runs axe, then drops the nodes of a violation that match a (rule id, CSS selector) exclusion.
AXE_RUN = """async (exclusions) => {
    const short = document.getAnimations().filter(
        (a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime <= 2000,
    );
    await Promise.allSettled(short.map((animation) => animation.finished));
    const results = await axe.run(document, {resultTypes: ['violations']});
    const excluded = (rule, node) => exclusions.some(([id, selector]) =>
        id === rule && typeof node.target[0] === 'string' && document.querySelector(node.target[0])?.matches(selector));
    for (const violation of results.violations) {
        violation.nodes = violation.nodes.filter((node) => !excluded(violation.id, node));
    }
    return results.violations.filter((violation) => violation.nodes.length);
}"""


def assert_accessible(
    page, *, impacts: tuple[str, ...] = ("serious", "critical"), exclude: tuple[tuple[str, str], ...] = ()
) -> None:
    """Run axe-core on the current page and fail on violations of the given impact levels.

    `exclude` ignores one rule on the elements matching a selector, e.g. `("aria-dialog-name", ".modal")`:
    only for Wagtail's own markup that we cannot change, never for our templates.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    violations = [v for v in page.evaluate(AXE_RUN, [list(pair) for pair in exclude]) if v["impact"] in impacts]
    assert not violations, f"axe found accessibility problems on {page.url}:\n{format_violations(violations)}"


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    """The `assert_accessible(page)` helper, as a fixture so tests need no imports from conftest."""
    return assert_accessible


@pytest.fixture
def screenshot(request):
    """`screenshot(page, "name")` saves a full-page PNG to var/screenshots/<test>-<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
