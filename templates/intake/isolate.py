"""Reading many forms so that no single file can take the batch down with it.

Each file is read in a worker process (a few at a time); the parent only hands out paths and
collects :class:`~bdg.submission.Submission` objects. When a worker dies while reading — a native
library aborting (python-calamine on a huge sheet raises SIGABRT, no exception to catch), the
system killing it for memory — or takes longer than :data:`TIMEOUT`, that file alone gets a
``reader-crashed`` problem, a fresh worker takes over and every other file is read normally.

A crashed file carries no SHA-256, so consolidation neither logs nor archives it: the next run
tries it again. Where no process can be started (a sandbox), files are read in this process.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from bdg.submission import Submission
from templates.intake.problems import make_problem

TIMEOUT = 300.0  # seconds for one file: a form reads in milliseconds, a bounded worst case in seconds
Progress = Callable[[int, int], None]  # (done, total)
Reader = Callable[[Path, object], Submission]  # (path, options) → never raises; a module-level function


def read_isolated(paths: list[Path], reader: Reader, options: object, *, workers: int | None = None,
                  progress: Progress | None = None, timeout: float = TIMEOUT) -> list[Submission]:
    """``reader(path, options)`` for every path, each in a worker process; results in the order of ``paths``.

    ``workers``: how many processes (default: the cores, at most 4); 0 reads in this process, unprotected.
    """
    paths = [Path(p) for p in paths]
    if not paths:
        return []
    if workers is None:
        workers = min(os.cpu_count() or 1, 4)
    if workers > 0:
        try:
            return _Pool(reader, options, max(1, min(workers, len(paths))), timeout).run(paths, progress)
        except _CannotStart:
            pass
    return [_read_here(reader, p, options, progress, i, len(paths)) for i, p in enumerate(paths)]


def internal_error(path: Path | str, exc: BaseException) -> Submission:
    """A Submission for a file whose reading hit a bug of bdg: logged, never taken as received (no SHA-256)."""
    from bdg.errorlog import record

    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    detail = f"{type(exc).__name__}: {text}"[:120] if text else type(exc).__name__
    log = record(exc, f"bdg: đọc biểu mẫu '{path}'")
    return Submission(str(path), None, None,
                      problems=[make_problem("internal-error", path, detail=detail, log=str(log))])


class _CannotStart(Exception):
    pass


class _Worker:
    def __init__(self, ctx, reader: Reader, options):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, reader, options), daemon=True)
        try:
            self.proc.start()
        except (OSError, NotImplementedError, ImportError) as exc:
            raise _CannotStart(str(exc)) from exc
        child.close()
        self.job: int | None = None
        self.since = 0.0

    def give(self, job: int, path: Path) -> None:
        self.job, self.since = job, time.monotonic()
        self.conn.send(str(path))

    def stop(self, *, kill: bool = False) -> None:
        try:
            if kill:
                self.proc.kill()
            else:
                self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(timeout=5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class _Pool:
    def __init__(self, reader: Reader, options, size: int, timeout: float):
        try:  # imported here: a sandbox (xlwings Lite's Pyodide) may lack process support altogether
            import multiprocessing
            from multiprocessing.connection import wait
        except ImportError as exc:
            raise _CannotStart(str(exc)) from exc
        from bdg.parallel import mp_context

        self.ctx = mp_context()  # fork on Linux, spawn where fork is unsafe (macOS, Windows)
        self.wait = wait
        self.reader, self.options, self.size, self.timeout = reader, options, size, timeout

    def run(self, paths: list[Path], progress: Progress | None) -> list[Submission]:
        results: list[Submission | None] = [None] * len(paths)
        todo = deque(range(len(paths)))
        idle: list[_Worker] = []
        busy: list[_Worker] = []
        done = 0
        try:
            while todo or busy:
                while todo and len(busy) < self.size:
                    worker = idle.pop() if idle else _Worker(self.ctx, self.reader, self.options)
                    job = todo.popleft()
                    worker.give(job, paths[job])
                    busy.append(worker)
                waits = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
                left = min(w.since + self.timeout for w in busy) - time.monotonic()
                ready = set(self.wait(waits, timeout=max(0.0, left)))
                for worker in list(busy):
                    sub, healthy = self._collect(worker, ready, paths)
                    if sub is None:
                        continue
                    results[worker.job] = sub
                    busy.remove(worker)
                    done += 1
                    if progress:
                        progress(done, len(paths))
                    if healthy:
                        worker.job = None
                        idle.append(worker)
                    else:  # dead, or still stuck on the file: never reused
                        worker.stop(kill=True)
        finally:
            for worker in idle + busy:
                worker.stop(kill=worker in busy)
        return results  # type: ignore[return-value]

    def _collect(self, worker: _Worker, ready: set, paths: list[Path]) -> tuple[Submission | None, bool]:
        """(the worker's result or None if it is still reading, whether the worker can be reused)."""
        path = paths[worker.job]
        if worker.conn in ready:
            try:
                return worker.conn.recv(), True
            except (EOFError, OSError):
                worker.proc.join(timeout=5)
                return crashed(path, worker.proc.exitcode), False
        if worker.proc.sentinel in ready:
            worker.proc.join(timeout=5)
            return crashed(path, worker.proc.exitcode), False
        if time.monotonic() - worker.since > self.timeout:
            return crashed(path, None, timed_out=self.timeout), False
        return None, True


def crashed(path: Path, exitcode: int | None, *, timed_out: float | None = None) -> Submission:
    """The Submission of a file whose reader died (or hung): no SHA-256, so it is read again next time."""
    if timed_out is not None:
        detail = f"quá {int(timed_out)} giây"
    elif exitcode is not None and exitcode < 0:
        detail = f"tín hiệu {-exitcode}" + (", hết bộ nhớ hoặc lỗi thư viện đọc" if -exitcode in (6, 9) else "")
    else:
        detail = f"mã thoát {exitcode}"
    return Submission(str(path), None, None, problems=[make_problem("reader-crashed", path, detail=detail)])


# --- in the worker ----------------------------------------------------------------------------------
def _serve(conn, reader: Reader, options) -> None:
    import faulthandler

    faulthandler.disable()  # a native abort is reported by the parent, in Vietnamese, not as a C stack dump
    parent = os.getppid()
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            sub = reader(Path(job), options)
        except Exception as exc:  # readers never raise; this is a last guard for the process
            sub = internal_error(job, exc)
        conn.send(sub)


def _read_here(reader: Reader, path: Path, options, progress: Progress | None, i: int, total: int) -> Submission:
    try:
        sub = reader(path, options)
    except Exception as exc:
        sub = internal_error(path, exc)
    if progress:
        progress(i + 1, total)
    return sub


def _exit_when_orphaned(parent: int) -> None:
    """A worker whose run was killed (SIGKILL, task manager) must not wait forever for work."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
