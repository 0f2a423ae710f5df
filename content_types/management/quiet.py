"""Keep bulk commands readable: per-object log lines (task runs, "Published: ...") only at verbosity 2 and up."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

CHATTY_LOGGERS = ("django_tasks", "wagtail", "modelsearch")


@contextmanager
def quiet_logs(verbosity: int) -> Iterator[None]:
    if verbosity >= 2:
        yield
        return
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
