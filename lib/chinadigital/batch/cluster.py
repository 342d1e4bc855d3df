"""Scale-out on Dask's `distributed` scheduler, through the same executor seam as the process pool.

Imported only when a scheduler is asked for (`--scheduler` or $CHINADIGITAL_SCHEDULER), so the
default build never loads `distributed`. Workers need no shared file system: the dataset travels
once per worker, scattered by its content fingerprint, and each job ships its notebook source and
parameters and returns HTML and the executed notebook to the client, which writes them as a local
build does.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import ClusterError
from .jobs import Job, JobResult, run_job

SCHEDULER_ENV = "CHINADIGITAL_SCHEDULER"
ALLOWED_FAILURES = 2  # a job whose worker dies is retried this many times elsewhere, then reported failed


def read_dataset(data_dir: Path) -> dict[str, bytes]:
    """The data package as bytes, to ship to workers (small: a few hundred kilobytes)."""
    return {p.name: p.read_bytes() for p in sorted(data_dir.iterdir()) if p.suffix in (".csv", ".json")}


def materialize(fingerprint: str, files: dict[str, bytes]) -> str:
    """Write the shipped dataset to a worker-local folder named by its fingerprint, once per worker."""
    root = Path(tempfile.gettempdir()) / "chinadigital-data" / fingerprint
    if not (root / "datapackage.json").exists():
        tmp = root.with_name(f"{fingerprint}.tmp-{os.getpid()}")
        tmp.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        try:
            os.replace(tmp, root)
        except OSError:  # another process of this worker host got there first
            pass
    return str(root)


def run_remote(job: Job, files: dict[str, bytes]) -> JobResult:
    """The job on a Dask worker: same pure job, with the dataset materialized from what was shipped."""
    data_dir = materialize(job.fingerprint, files)
    return run_job(replace(job, data_dir=data_dir))


def stop_kernels() -> int:
    """On a worker: kill every report kernel and the kernel template this worker started (a job still running
    there fails at once, its kernel gone). How many kernels were running."""
    from . import kernels

    n = sum(1 for km in list(kernels._active) if getattr(km, "has_kernel", False))
    kernels.shutdown_all()
    kernels._pool = None  # the next build on this worker makes a new pool (and template)
    return n


def close_template() -> None:
    """On a worker, after a build: the kernel template goes (a long-lived worker keeps no process of ours);
    the next build's first job starts another."""
    from . import kernels

    if kernels._pool is not None:
        kernels._pool.template.close()


def _worker_version() -> str:
    import chinadigital

    return chinadigital.__version__


class DaskExecutor:
    """A concurrent.futures-style executor over a Dask client: `submit(run_job, job)` ships the job and
    the scattered dataset; results come back as concurrent.futures futures."""

    def __init__(self, client, data_dir: str, fingerprint: str, cluster=None):
        self.client, self.cluster = client, cluster
        files = read_dataset(Path(data_dir))
        self._data = client.scatter(files, broadcast=True, hash=False)
        self._executor = client.get_executor(pure=False)

    def submit(self, fn, job: Job, *args):
        if fn is not run_job:
            raise TypeError("the Dask executor runs report jobs only")
        return self._executor.submit(run_remote, job, self._data)

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        try:
            self._executor.shutdown(wait=wait)
            if self.cluster is None:  # a cluster we did not start lives on; our templates do not
                try:
                    self.client.run(close_template)
                except Exception:
                    pass
        finally:
            self._close()

    def _close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def stop(self) -> None:
        """Ctrl-C: cancel what has not started, and kill the kernels of the jobs running on every worker, so
        no job of this build keeps running on the cluster after the client is gone."""
        try:
            self._executor.shutdown(wait=False)  # cancels every future of this build
            self.client.run(stop_kernels)
        except Exception:
            pass
        finally:
            self._close()


def connect(address: str, workers: int, data_dir: str, fingerprint: str, timeout: float = 10) -> DaskExecutor:
    """A client on `address` ("local" starts a LocalCluster), after checking every worker runs this version."""
    import dask
    from distributed import Client, LocalCluster

    import chinadigital

    dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES})
    cluster = None
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               host="127.0.0.1")
        address = cluster.scheduler_address
    try:
        client = Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ClusterError(f"cannot reach the Dask scheduler at {address} within {timeout:.0f} s: {exc}") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError):
        client.close()
        raise ClusterError(f"the Dask scheduler at {address} has no workers") from None
    versions = client.run(_worker_version)
    mine = chinadigital.__version__
    wrong = {w: v for w, v in versions.items() if v != mine}
    if wrong:
        client.close()
        if cluster is not None:
            cluster.close()
        listed = ", ".join(f"{w} has {v}" for w, v in sorted(wrong.items()))
        raise ClusterError(f"chinadigital version mismatch: this client has {mine}; {listed}. "
                           f"Install the same version on every worker.")
    return DaskExecutor(client, data_dir, fingerprint, cluster)
