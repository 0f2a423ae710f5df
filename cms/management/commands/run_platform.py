"""Run the web server, the durable task worker and the scheduler together, so `make run` is one command."""

import signal
import subprocess
import sys
import threading
import time

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# Commands a scheduler would run, with their period in seconds; each runs only if its app provides it.
SCHEDULE = [("media_warm_renditions", 6 * 3600), ("workflows_remind", 15 * 60), ("search_drain", 60)]


class Command(BaseCommand):
    help = "启动网站、后台任务和定时提醒（开发与演示用）。"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host, port, **options):
        python = sys.executable
        children = []
        if "durable" in settings.TASKS and "db_worker" in get_commands():
            children.append(
                subprocess.Popen(  # noqa: S603 - fixed argv, our own interpreter
                    [python, "manage.py", "db_worker", "--backend", "durable", "--queue-name", "*"]
                )
            )
        stop = threading.Event()
        threading.Thread(target=self._scheduler, args=(stop,), daemon=True).start()
        server = subprocess.Popen([python, "manage.py", "runserver", f"{host}:{port}"])  # noqa: S603
        children.append(server)
        address = f"http://{host}:{port}"
        self.stdout.write(self.style.SUCCESS(f"智慧工会已启动：{address}/  管理后台：{address}/admin/"))

        def shutdown(*_):
            stop.set()
            for child in children:
                child.terminate()

        signal.signal(signal.SIGTERM, shutdown)
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            shutdown()
            for child in children:
                child.wait(timeout=10)

    def _scheduler(self, stop: threading.Event) -> None:
        available = get_commands()
        due = {name: 0.0 for name, _ in SCHEDULE if name in available}
        periods = dict(SCHEDULE)
        while not stop.wait(5):
            now = time.monotonic()
            for name, next_run in due.items():
                if now >= next_run:
                    due[name] = now + periods[name]
                    try:
                        call_command(name)
                    except Exception as error:  # noqa: BLE001 - a failing job must not stop the site
                        self.stderr.write(f"定时任务 {name} 失败：{error}")
