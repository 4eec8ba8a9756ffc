"""Where independent tasks run: in this process, on a ``LocalCluster``, or on a Dask scheduler.

``cluster(scheduler, workers)`` yields a ``distributed.Client`` (connected to ``scheduler``, or to a
``LocalCluster`` of ``workers`` processes when ``workers > 1``) or ``None`` (run in-process; Dask is not
even imported). ``run_tasks`` runs ``fn(*args)`` for each argument tuple and hands each result to a
callback as it arrives, in completion order; the caller merges them in an order of its own, so the outcome
does not depend on how many workers there are. A worker that dies loses only the tasks it held: the
scheduler runs them again elsewhere.

Security: a Dask cluster runs whatever code a client sends it. Point ``--scheduler`` only at a cluster you
trust (docs/distributed.md); user text is still parsed by the safe parser, never evaluated as Python.
"""
from __future__ import annotations

import signal
import threading
import uuid
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

INSTALL_HINT = "Dask is not installed: pip install -e '.[dask]' (or pip install 'dask[distributed]')"


class DaskMissing(RuntimeError):
    """``distributed`` is needed (a scheduler or several local workers were asked for) but not installed."""


def require_distributed() -> Any:
    """The ``distributed`` module, or ``DaskMissing`` with the install command."""
    try:
        import distributed
    except ImportError as exc:
        raise DaskMissing(INSTALL_HINT) from exc
    return distributed


@contextmanager
def cluster(scheduler: str | None = None, workers: int = 1) -> Iterator[Any]:
    """A client for ``scheduler``, or for a ``LocalCluster`` of ``workers`` single-threaded processes when
    ``workers > 1``; ``None`` (in-process) otherwise. A cluster started here is closed on exit."""
    if scheduler is None and workers <= 1:
        yield None
        return
    distributed = require_distributed()
    if scheduler is not None:
        client = distributed.Client(scheduler, timeout="20s")
        try:
            yield client
        finally:
            client.close()
        return
    with _children_ignore_sigint():
        local = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=":0", host="127.0.0.1")
    with local, distributed.Client(local) as client:
        yield client


@contextmanager
def _children_ignore_sigint() -> Iterator[None]:
    """Processes started in the block ignore SIGINT, so that Ctrl-C reaches this process alone (which then
    cancels the tasks and closes the cluster) instead of printing a traceback from every worker."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_tasks(client: Any, fn: Callable[..., Any], argument_lists: Sequence[tuple], on_result: Callable[[int, Any], None],
              *, key: str = "verify-task", priority: int = 0) -> None:
    """``on_result(i, fn(*argument_lists[i]))`` for every ``i``, as results arrive.

    ``client`` None: in this process, in order. Otherwise each call is a task (keys ``{key}-{uuid}-{i}``,
    scheduled before tasks of lower ``priority``); a
    KeyboardInterrupt cancels the tasks not yet done and propagates, after the results already received
    were handed on."""
    if client is None:
        for i, args in enumerate(argument_lists):
            on_result(i, fn(*args))
        return
    distributed = require_distributed()
    run = uuid.uuid4().hex[:8]
    futures = [client.submit(fn, *args, key=f"{key}-{run}-{i}", pure=False, priority=priority)
               for i, args in enumerate(argument_lists)]
    index = {f.key: i for i, f in enumerate(futures)}
    try:
        for future in distributed.as_completed(futures):
            on_result(index[future.key], future.result())
            future.release()
    except BaseException:
        client.cancel([f for f in futures if not f.done()])
        raise


__all__ = ["cluster", "run_tasks", "require_distributed", "DaskMissing", "INSTALL_HINT"]
