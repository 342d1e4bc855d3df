"""Kernels started ahead of need: while one job runs, the next job's kernel boots and imports the library.

A kernel start (about half a second) and the pandas/Altair imports (about as
much again) are most of a small report's cost. A worker therefore keeps one
kernel warm: started in a background thread, the suite's modules imported
with `store_history=False` (so execution counts still start at 1), nothing
else run. Each job still gets a kernel of its own, shut down after it, so a
job stays a pure function of its inputs.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from jupyter_client.manager import KernelManager

from ..themes import topic_modules

# What a warm kernel imports before its report runs: the chart builders and every registered topic module.
WARMUP = "import " + ", ".join(["chinadigital", "chinadigital.report.charts", *topic_modules()])


class WarmKernelManager(KernelManager):
    """A kernel manager started outside nbclient's event loop, whose clients are asynchronous (what nbclient
    expects, so per-cell timeouts still apply), talking over Unix sockets rather than TCP ports."""

    def __init__(self, **kw):
        kw.setdefault("transport", "ipc")
        kw.setdefault("client_class", "jupyter_client.asynchronous.AsyncKernelClient")
        super().__init__(**kw)


class KernelPool:
    def __init__(self):
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cd-kernel")
        self._next: Future | None = None
        self._next_env: str | None = None
        self._lock = threading.Lock()
        self._dir = tempfile.mkdtemp(prefix="cd-kernels-")
        atexit.register(self.close)

    def close(self, wait: float = 60) -> None:
        """Stop the kernel warming for a job that will not come (the worker is exiting)."""
        with self._lock:
            fut, self._next = self._next, None
        if fut is not None:
            try:
                fut.result(timeout=wait).shutdown_kernel(now=True)
            except Exception:
                pass
        shutil.rmtree(self._dir, ignore_errors=True)

    def _start(self, data_dir: str) -> WarmKernelManager:
        km = track(WarmKernelManager(kernel_name="python3"))
        km.ip = os.path.join(self._dir, f"k{id(km)}")
        env = {**os.environ, "CHINADIGITAL_DATA": data_dir} if data_dir else dict(os.environ)
        km.start_kernel(cwd=self._dir, env=env)
        kc = km.blocking_client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            kc.execute_interactive(WARMUP, store_history=False, timeout=120)
        finally:
            kc.stop_channels()
        return km

    def prestart(self, data_dir: str) -> None:
        """Start warming a kernel now, for the first job to come."""
        with self._lock:
            if self._next is None:
                self._next = self._thread.submit(self._start, data_dir)
                self._next_env = data_dir

    def take(self, data_dir: str) -> WarmKernelManager:
        """A warm kernel for this job (started now if none is ready), and the next one starts warming."""
        with self._lock:
            fut, env = self._next, self._next_env
            self._next = self._thread.submit(self._start, data_dir)
            self._next_env = data_dir
        if fut is not None and env == data_dir:
            try:
                return fut.result()
            except Exception:
                pass
        elif fut is not None:
            fut.add_done_callback(lambda f: dispose(f.result()) if not f.exception() else None)
        return self._start(data_dir)


_active: set = set()


def track(km: KernelManager) -> KernelManager:
    _active.add(km)
    return km


def shutdown_all() -> None:
    """Kill every kernel this worker started (the job's and the one warming): used when the worker is stopped."""
    for km in list(_active):
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass
    if _pool is not None:
        _pool.close(wait=5)


def dispose(km: KernelManager) -> None:
    """Shut a used kernel down without making the next job wait for it."""

    def stop():
        try:
            km.shutdown_kernel(now=True)
        except Exception:
            pass
        _active.discard(km)

    threading.Thread(target=stop, daemon=True).start()


_pool: KernelPool | None = None


def pool() -> KernelPool:
    global _pool
    if _pool is None:
        _pool = KernelPool()
    return _pool
