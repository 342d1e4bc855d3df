"""Kernels started ahead of need: while one job runs, the next job's kernel starts.

A kernel start (about half a second) and the pandas/Altair imports (about as
much again) were most of a small report's cost. A worker therefore keeps one
kernel warm, started in a background thread. By default it is forked from the
worker's template process, which has imported the libraries once
(forkkernel.py): the fork and the kernel's own start cost about 0.1 CPU s.
With forking off (`--no-fork`, $CHINADIGITAL_NO_FORK) it is a fresh
`ipykernel_launcher` that imports the suite's modules with `store_history=False`
(so execution counts still start at 1), nothing else run. Either way each job
gets a kernel process of its own, shut down after it, so a job stays a pure
function of its inputs.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import Future

from jupyter_client.manager import KernelManager

from . import forkkernel
from .forkkernel import WARMUP_MODULES

# What a fresh warm kernel imports before its report runs (a forked one has them from its template).
WARMUP = "import " + ", ".join(WARMUP_MODULES)


class WarmKernelManager(KernelManager):
    """A kernel manager started outside nbclient's event loop, whose clients are asynchronous (what nbclient
    expects, so per-cell timeouts still apply), talking over Unix sockets rather than TCP ports."""

    def __init__(self, **kw):
        kw.setdefault("transport", "ipc")
        kw.setdefault("client_class", "jupyter_client.asynchronous.AsyncKernelClient")
        super().__init__(**kw)


class KernelPool:
    """One kernel warming ahead per worker, in a daemon thread: a worker that exits does not wait for a kernel
    no job will use (a pool thread would be joined at exit, after a whole boot, before the kernel is killed).

    `jobs_left`, when given (a shared counter of the batch's jobs no warm kernel has been started for yet),
    keeps workers from warming kernels past the end of the batch: each warm start claims one job."""

    def __init__(self, fork: bool | None = None):
        self.fork = forkkernel.fork_enabled() if fork is None else fork
        self.template = forkkernel.TemplateClient()
        self._fork_failed = ""  # why forking failed once in this worker: later kernels start fresh
        self._next: Future | None = None
        self._next_env: str | None = None
        self._warming: KernelManager | None = None
        self._closed = False
        self._lock = threading.Lock()
        self._dir = tempfile.mkdtemp(prefix="cd-kernels-")
        self.template.cwd = self._dir
        self.jobs_left = None  # multiprocessing.Value("i") shared by the workers of one build, or None
        atexit.register(self.close)

    def _claim(self) -> bool:
        left = self.jobs_left
        if left is None:
            return True
        with left.get_lock():
            if left.value > 0:
                left.value -= 1
                return True
        return False

    def close(self, wait: float = 60) -> None:
        """Stop the kernel warming for a job that will not come (the worker is exiting): killed as soon as its
        process exists, not after it has finished booting."""
        with self._lock:
            self._closed = True
            fut, self._next = self._next, None
            km = self._warming
        if fut is not None:
            deadline = time.monotonic() + wait
            while not fut.done() and km is not None and not km.has_kernel and time.monotonic() < deadline:
                time.sleep(0.01)
            try:
                if fut.done() and not fut.exception():
                    fut.result().shutdown_kernel(now=True)
                elif km is not None and km.has_kernel:
                    km.shutdown_kernel(now=True)
            except Exception:
                pass
        for km in list(_active):  # a used kernel whose shutdown thread (a daemon) had not finished
            try:
                if km.has_kernel:
                    km.shutdown_kernel(now=True)
            except Exception:
                pass
        self.template.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def _start(self, data_dir: str, warming: bool = False, fork: bool | None = None) -> WarmKernelManager:
        fork = (self.fork if fork is None else fork) and not self._fork_failed
        if fork:
            try:
                return self._start_one(data_dir, warming, fork=True)
            except forkkernel.TemplateError as exc:  # the template cannot fork: fresh kernels from now on
                self._fork_failed = str(exc)
                import sys

                print(f"chinadigital: forked kernels unavailable ({exc}); starting fresh kernels", file=sys.stderr)
        return self._start_one(data_dir, warming, fork=False)

    def _start_one(self, data_dir: str, warming: bool, fork: bool) -> WarmKernelManager:
        km = track(WarmKernelManager(kernel_name="python3"))
        km.ip = os.path.join(self._dir, f"k{id(km)}")
        env = {**os.environ, "CHINADIGITAL_DATA": data_dir} if data_dir else dict(os.environ)
        env = forkkernel.library_env(env)
        env.pop(forkkernel.NO_FORK_ENV, None)
        if fork:
            km.kernel_id = str(uuid.uuid4())
            km.provisioner = forkkernel.provisioner_class()(kernel_id=km.kernel_id, kernel_spec=km.kernel_spec,
                                                            parent=km)
            km.provisioner.template = self.template
        with self._lock:
            if warming:
                if self._closed:
                    raise RuntimeError("kernel pool closed")
                self._warming = km
        try:
            km.start_kernel(cwd=self._dir, env=env)
        except BaseException:
            _active.discard(km)
            raise
        km.forked = fork
        kc = km.blocking_client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=60)
            if not fork:  # a forked kernel has the libraries from its template
                kc.execute_interactive(WARMUP, store_history=False, timeout=120)
        finally:
            kc.stop_channels()
        return km

    def _launch(self, data_dir: str, fork: bool | None = None) -> Future:
        fut: Future = Future()

        def run():
            try:
                fut.set_result(self._start(data_dir, warming=True, fork=fork))
            except BaseException as exc:  # noqa: BLE001 - handed to whoever takes the kernel
                fut.set_exception(exc)

        threading.Thread(target=run, daemon=True, name="cd-kernel").start()
        return fut

    def prestart(self, data_dir: str) -> None:
        """Start warming a kernel now, for the first job to come."""
        with self._lock:
            if self._next is None and not self._closed and self._claim():
                self._next = self._launch(data_dir)
                self._next_env = (data_dir, self.fork)

    def take(self, data_dir: str, fork: bool | None = None) -> WarmKernelManager:
        """A warm kernel for this job (started now if none is ready), and the next one starts warming if a job
        is left for it. `fork` (default: this pool's mode) asks for a forked or a fresh kernel."""
        fork = self.fork if fork is None else fork
        with self._lock:
            fut, env = self._next, self._next_env
            self._next = self._launch(data_dir, fork) if self._claim() else None
            self._next_env = (data_dir, fork)
        if fut is not None and env == (data_dir, fork):
            try:
                return fut.result()
            except Exception:
                pass
        elif fut is not None:
            fut.add_done_callback(lambda f: dispose(f.result()) if not f.exception() else None)
        return self._start(data_dir, fork=fork)


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


def pool(fork: bool | None = None) -> KernelPool:
    """This worker's pool, made on first use; `fork` sets its default mode then (None: forked unless
    $CHINADIGITAL_NO_FORK says otherwise)."""
    global _pool
    if _pool is None:
        _pool = KernelPool(fork)
    return _pool
