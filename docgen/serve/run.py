"""`docgen serve` put together: the hub, the preview worker, the watcher
and the server, until Ctrl-C."""
from __future__ import annotations

import threading
import webbrowser
from pathlib import Path
from typing import Callable

from .hub import Hub
from .server import start
from .watch import watch

WATCH_START_S = 10


def serve(path: Path, out_dir: Path, templates: Path | None, port: int | None, open_browser: bool,
          say: Callable[[str], None]) -> None:
    hub = Hub(path, out_dir, templates)
    hub.update()
    server = start(hub, port)
    stop, watching = threading.Event(), threading.Event()
    threads = [
        threading.Thread(target=hub.worker, name="docgen-previews", daemon=True),
        threading.Thread(target=watch, args=(path, templates, hub.update, stop, watching), name="docgen-watch",
                         daemon=True),
    ]
    for thread in threads:
        thread.start()
    if watching.wait(WATCH_START_S) and hub.read() != hub.seen:
        hub.update()  # saved while the watcher started
    say(f"docgen serve viser {path} på {server.url}")
    say("Siden opdaterer sig selv, hver gang du gemmer filen. Stop med Ctrl-C.")
    if open_browser:
        webbrowser.open(server.url)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        hub.stop()
        server.server_close()
