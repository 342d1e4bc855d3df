"""Kernels forked from a clean template: the libraries imported once per worker, not once per report.

A fresh kernel (`python -m ipykernel_launcher`) spends most of a small report's CPU starting the
interpreter and importing IPython, pandas, Altair and the suite. Here each worker keeps one *template*
process (`python -m chinadigital.batch.forkkernel`) that has imported those libraries and nothing else:
it has run no report's code, loaded no data, opened no socket and started no thread. For each job the
template forks a child that becomes an ordinary `IPKernelApp` with the job's connection file, working
folder and environment; papermill and nbclient drive it over the usual Jupyter protocol, as any kernel.
Each report's kernel is thus a process of its own whose only ancestor state is the template's imports
(the batch contract allows exactly that parent).

The worker side is a kernel provisioner (`ForkProvisioner`, jupyter_client's seam for "how a kernel
process comes to be"): the kernel manager asks it for a kernel and it asks the template instead of
spawning `ipykernel_launcher`. The template speaks one JSON line per request over a pipe pair.

Nothing outlives the worker:
- the template reads requests from a pipe only its worker holds; end of file (the worker exited, however:
  kill -9 included) makes it kill every kernel it forked and exit;
- each kernel asks Linux (prctl PR_SET_PDEATHSIG) for SIGKILL when the template dies, and ipykernel's own
  parent poller watches the template's pid as a second line;
- a kernel runs in a session of its own (as jupyter_client's launcher does), so Ctrl-C in the terminal
  reaches the build, which stops its workers, not the kernels directly.

What a forked kernel shares with a fresh one and what it does not: its modules were imported by the
template, so anything a module reads from the environment *at import* is the worker's (the job's
environment differs only by $CHINADIGITAL_DATA, which the library reads when it loads data); Python's
`random` reseeds itself after a fork and numpy's global generator is reseeded here, so two kernels never
share a random stream; numpy's BLAS runs single-threaded (a thread pool cannot cross a fork).

`CHINADIGITAL_NO_FORK=1` (or `chinadigital build --no-fork`) falls back to fresh kernels; so does a
worker whose template cannot start or fork (said once on stderr).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from functools import lru_cache

from ..themes import topic_modules

NO_FORK_ENV = "CHINADIGITAL_NO_FORK"
PR_SET_PDEATHSIG = 1
# What a report kernel has imported before its report runs, forked or fresh: the chart builders and every
# registered topic module (with them pandas, Altair and the dataset layer).
WARMUP_MODULES = ["chinadigital", "chinadigital.report.charts", *topic_modules()]


def fork_enabled() -> bool:
    return os.name == "posix" and sys.platform.startswith("linux") and \
        os.environ.get(NO_FORK_ENV, "").strip().lower() not in {"1", "true", "yes", "on"}


def _pdeathsig(sig: int) -> bool:
    """Ask Linux to send `sig` to this process when its parent (thread) exits."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except Exception:
        return False


# -- the template process ----------------------------------------------------------------------

def _template_imports() -> None:
    """What every report kernel needs and nothing of any report: the kernel machinery, the data stack and
    the suite's chart and topic modules (the same list a warm fresh kernel imports)."""
    import IPython  # noqa: F401
    from ipykernel import kernelapp  # noqa: F401
    from ipykernel import ipkernel  # noqa: F401
    import zmq.eventloop.zmqstream  # noqa: F401

    for name in WARMUP_MODULES:
        __import__(name)


def unsafe_state() -> list[str]:
    """What a fork would copy unsafely: threads besides the main one, a zmq context, an asyncio loop running."""
    problems = []
    if threading.active_count() != 1:
        problems.append(f"threads: {[t.name for t in threading.enumerate()]}")
    try:
        tasks = len(os.listdir("/proc/self/task"))  # native threads too (a Rust or BLAS pool), not only Python's
    except OSError:
        tasks = 1
    if tasks != 1:
        problems.append(f"{tasks} native threads")
    zmq = sys.modules.get("zmq")
    if zmq is not None and getattr(zmq.Context, "_instance", None) is not None:
        problems.append("a zmq context exists")
    try:
        import asyncio

        asyncio.get_running_loop()
        problems.append("an asyncio loop is running")
    except RuntimeError:
        pass
    return problems


class _Template:
    def __init__(self, requests, replies):
        self.requests, self.replies = requests, replies
        self.kids: set[int] = set()

    def kill_kids(self) -> None:
        for pid in list(self.kids):
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except OSError:
                    pass
        self.kids.clear()

    def reap(self, *_) -> None:
        """Collect every kernel that ended (on SIGCHLD): no zombie waits for the next request."""
        while True:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            self.kids.discard(pid)

    def serve(self) -> None:
        for line in self.requests:
            self.reap()
            try:
                req = json.loads(line)
            except ValueError:
                continue
            if req.get("op") == "ping":
                self._reply({"ok": True, "pid": os.getpid(), "unsafe": unsafe_state(), "kids": sorted(self.kids)})
                continue
            if req.get("op") == "quit":
                break
            problems = unsafe_state()
            if problems:
                self._reply({"error": "the template is not safe to fork: " + "; ".join(problems)})
                continue
            pid = os.fork()
            if pid == 0:
                _become_kernel(req, os.getppid(), (self.requests.fileno(), self.replies.fileno()))
            self.kids.add(pid)
            self._reply({"pid": pid})
        self.kill_kids()

    def _reply(self, obj) -> None:
        self.replies.write(json.dumps(obj) + "\n")
        self.replies.flush()


def _become_kernel(req: dict, template_pid: int, control_fds: tuple[int, int]) -> None:
    """In the forked child: leave the template's pipes and signals behind, take the job's folder and
    environment, and run an IPKernelApp on the connection file the manager wrote. Never returns."""
    code = 1
    try:
        os.setsid()
        _pdeathsig(signal.SIGKILL)
        if os.getppid() != template_pid:  # the template died between fork and prctl
            os._exit(1)
        for fd in control_fds:
            os.close(fd)
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        os.environ["JPY_PARENT_PID"] = str(template_pid)
        if "numpy" in sys.modules:  # Python's `random` reseeds itself after a fork; numpy's global state does not
            sys.modules["numpy"].random.seed()
        argv = list(req["argv"]) + [f"--IPKernelApp.parent_handle={template_pid}"]
        sys.argv = ["ipykernel_launcher", *argv]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=argv)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:  # noqa: BLE001 - said on stderr, then the child ends
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:
            pass
        os._exit(code)


def main() -> None:
    """`python -m chinadigital.batch.forkkernel`: requests on stdin, replies on stdout (moved off fd 1, so
    that a stray print from an import cannot corrupt them)."""
    replies = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    requests = os.fdopen(os.dup(0), "r")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    if sys.path and (sys.path[0] in ("", os.getcwd())):  # as ipykernel_launcher: the folder is not a package root
        del sys.path[0]
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    template = _Template(requests, replies)

    def stop(*_):
        template.kill_kids()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    signal.signal(signal.SIGCHLD, template.reap)
    try:
        _template_imports()
    except Exception as exc:  # said at the first request: the worker falls back to fresh kernels
        template._reply({"error": f"the template could not import: {type(exc).__name__}: {exc}"})
        return
    template._reply({"ready": True, "pid": os.getpid()})
    try:
        template.serve()
    finally:
        template.kill_kids()


# -- the worker side -------------------------------------------------------------------------------

def library_env(env: dict) -> dict:
    """`env` with the folder this very `chinadigital` was imported from first on PYTHONPATH: a kernel (forked
    or fresh) runs the library the build runs, even from a source tree (PYTHONPATH=lib is relative, and a
    kernel starts in a folder of its own)."""
    import chinadigital

    root = os.path.dirname(os.path.dirname(os.path.abspath(chinadigital.__file__)))
    rest = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p and os.path.abspath(p) != root]
    return {**env, "PYTHONPATH": os.pathsep.join([root, *rest])}


class TemplateError(RuntimeError):
    pass


class TemplateClient:
    """One template process of this worker, started on first use; requests serialized by a lock."""

    def __init__(self, cwd: str | None = None):
        self.cwd = cwd
        self.proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc is not None else None

    def _ensure(self) -> subprocess.Popen:
        if self.proc is not None and self.proc.poll() is None:
            return self.proc
        env = library_env({k: v for k, v in os.environ.items() if k != NO_FORK_ENV})
        # numpy's OpenBLAS starts a thread pool at import (one thread per extra core); a fork copies none of
        # its threads, only their locks. One BLAS thread means no pool: the template stays single-threaded.
        env.update({name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")})
        proc = subprocess.Popen([sys.executable, "-m", "chinadigital.batch.forkkernel"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, cwd=self.cwd, env=env, text=True, bufsize=1,
                                start_new_session=False)
        ready = self._read(proc)
        if "error" in ready:
            proc.stdin.close()
            proc.wait(5)
            raise TemplateError(ready["error"])
        self.proc = proc
        return proc

    @staticmethod
    def _read(proc: subprocess.Popen) -> dict:
        line = proc.stdout.readline()
        if not line:
            raise TemplateError(f"the kernel template (pid {proc.pid}) ended")
        return json.loads(line)

    def request(self, obj: dict) -> dict:
        with self._lock:
            proc = self._ensure()
            try:
                proc.stdin.write(json.dumps(obj) + "\n")
                proc.stdin.flush()
                reply = self._read(proc)
            except (OSError, ValueError) as exc:
                raise TemplateError(f"the kernel template (pid {proc.pid}) failed: {exc}") from None
        if "error" in reply:
            raise TemplateError(reply["error"])
        return reply

    def fork(self, argv: list[str], cwd: str, env: dict) -> int:
        return int(self.request({"op": "fork", "argv": argv, "cwd": cwd, "env": env})["pid"])

    def close(self) -> None:
        """Stop the template (it kills the kernels it forked that are still running)."""
        with self._lock:
            proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            proc.stdin.close()  # end of file: the template kills its kernels and exits
        except Exception:
            pass
        try:
            proc.wait(timeout=5)
        except Exception:
            proc.kill()
            try:
                proc.wait(timeout=5)
            except Exception:
                pass
        try:
            proc.stdout.close()
        except Exception:
            pass


class ForkedProcess:
    """What jupyter_client's LocalProvisioner expects of a Popen, for a kernel that is the template's child
    (not ours, so we cannot wait on it: it is alive while its pid answers signal 0)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
                with open(f"/proc/{self.pid}/stat") as fh:  # a zombie (not yet reaped by the template) is gone
                    if fh.read().rsplit(")", 1)[1].split()[0] == "Z":
                        self.returncode = -1
            except (OSError, IndexError):
                self.returncode = -1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


@lru_cache(maxsize=1)
def provisioner_class():
    from jupyter_client.provisioning import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        """LocalProvisioner whose kernel process is forked by the worker's template instead of spawned."""

        template: TemplateClient | None = None

        async def launch_kernel(self, cmd: list[str], **kwargs):
            try:
                at = cmd.index("-f")
            except ValueError:
                raise TemplateError(f"no connection file in the kernel command {cmd}") from None
            env = dict(kwargs.get("env") or os.environ)
            cwd = str(kwargs.get("cwd") or os.getcwd())
            pid = self.template.fork(cmd[at:], cwd, env)
            self.process = ForkedProcess(pid)
            self.pid = self.pgid = pid  # the kernel leads a session of its own (setsid in the child)
            self.cwd = cwd
            return self.connection_info

    return ForkProvisioner


if __name__ == "__main__":
    main()
