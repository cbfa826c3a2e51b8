"""The browser tests' fixtures (a plugin tests/conftest.py names): Debian's chromium
through Playwright (`browser`), the real WSGI application on a loopback port
(`portal_server`), and the guard that takes Playwright's event loop away from a test
that reaches /graphql/ (`outside_playwrights_event_loop`)."""

import asyncio
import os
import shutil
import threading

import pytest


@pytest.fixture
def outside_playwrights_event_loop(request):
    """The session's browser fixture leaves Playwright's event loop running on this
    thread, and strawberry then treats every resolver as async ("failed to complete
    synchronously") in any later test that reaches /graphql/. Asked for FIRST by such a
    test (autouse in tests/graphql_api, `usefixtures` elsewhere): Django's connection
    differs with and without a running loop (asgiref's thread-critical Local keeps one per
    context when a loop runs), so the loop must be gone before the test's transaction
    starts, or the test would write outside it. A web worker serving /graphql/ has no loop: neither do these tests
    (browser tests keep it: Playwright needs it, and their server has its own threads)."""
    if request.node.get_closest_marker("browser"):
        yield
        return
    loop = asyncio.events._get_running_loop()
    asyncio.events._set_running_loop(None)
    yield
    asyncio.events._set_running_loop(loop)


def chromium_path() -> str | None:
    return os.environ.get("CASEBRIDGE_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = (
            "Debian's chromium is not installed: `apt-get install chromium` to run the browser "
            "tests (nothing here downloads a browser)."
        )
        if os.environ.get("CASEBRIDGE_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django's ORM calls made by
    # the test itself (fixtures, assertions) would otherwise be refused as "async".
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
        # ORM calls made while Playwright's loop ran used their own connection: close it,
        # or the test database cannot be dropped at the end of the session.
        from django.db import connections

        connections.close_all()


@pytest.fixture(scope="session")
def portal_server(django_db_setup):
    """The real WSGI application on a loopback port, in a thread.

    pytest-django's live_server would flush every table after each test,
    public's partners included; this one sees the session's committed data.
    Browser tests reach partners at http://<slug>.localhost:<port>/; they use the
    `db` fixture, which lets the server's threads reach the database too.
    """
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
    server.set_app(StaticFilesHandler(get_wsgi_application()))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"localhost:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
