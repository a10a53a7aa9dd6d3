"""Shared plumbing of the PyTorch reference benchmarks: one thread, OpenBLAS, timing, one JSON line.

Every script of this directory imports this module *before* torch. It

* re-executes the interpreter once with LD_LIBRARY_PATH pointing at Debian's OpenMP build of OpenBLAS
  (/usr/lib/x86_64-linux-gnu/openblas-openmp) when that directory exists and is not on the path yet:
  Debian's python3-torch links libblas.so.3, which is the slow reference BLAS unless
  libopenblas0-openmp is installed and found first (issue #26: 3x slower, which would flatter metarl);
* pins every thread pool to one thread (OMP_NUM_THREADS=1 before torch is loaded, then
  torch.set_num_threads(1)), so the figures compare with metarl's single-thread ones;
* says which BLAS library the process really mapped (from /proc/self/maps, after a matrix product),
  with OpenBLAS's own configuration string when the library exports it.
"""

import argparse
import ctypes
import json
import os
import platform
import statistics
import sys
import time

OPENBLAS_OPENMP = "/usr/lib/x86_64-linux-gnu/openblas-openmp"


def _reexec_with_openblas():
    if os.environ.get("METARL_TORCH_NO_REEXEC") == "1" or not os.path.isdir(OPENBLAS_OPENMP):
        return
    paths = [p for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p]
    if OPENBLAS_OPENMP in paths:
        return
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = ":".join([OPENBLAS_OPENMP] + paths)
    env["METARL_TORCH_NO_REEXEC"] = "1"
    os.execve(sys.executable, [sys.executable] + sys.argv, env)


_reexec_with_openblas()
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import torch  # noqa: E402  (after the environment is set)

THREADS = int(os.environ.get("OMP_NUM_THREADS", "1"))
torch.set_num_threads(THREADS)
try:
    torch.set_num_interop_threads(1)
except RuntimeError:
    pass  # already set (a pool was started)


def blas_info():
    """The BLAS/LAPACK libraries mapped into this process, and OpenBLAS's config string if any."""
    a = torch.randn(64, 64)
    (a @ a).sum().item()  # make sure the BLAS is loaded and used
    libs = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 6:
                    path = parts[5]
                    name = os.path.basename(path)
                    if ("blas" in name or "lapack" in name) and path not in libs:
                        libs.append(path)
    except OSError:
        pass
    config = None
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            fn = lib.openblas_get_config
            fn.restype = ctypes.c_char_p
            config = fn().decode()
            break
        except (OSError, AttributeError):
            continue
    blas_lib = next((p for p in libs if "libblas" in os.path.basename(p) or "openblas" in os.path.basename(p)), None)
    if blas_lib is None:
        kind = "unknown (no BLAS library mapped)"
    elif "openblas-openmp" in blas_lib:
        kind = "OpenBLAS (openmp)"
    elif "openblas-pthread" in blas_lib:
        kind = "OpenBLAS (pthread)"
    elif "openblas" in blas_lib:
        kind = "OpenBLAS"
    elif config is not None:
        kind = "OpenBLAS"
    else:
        kind = "reference BLAS (slow: install libopenblas0-openmp)"
    return {"blas": kind, "blas_library": blas_lib, "blas_config": config, "blas_libraries": libs}


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--seconds", type=float, default=0.8, help="minimal duration of one measured repetition")
    p.add_argument("--reps", type=int, default=5, help="measured repetitions (the median is reported)")
    p.add_argument("--warmups", type=int, default=3, help="unmeasured repetitions before")
    p.add_argument("--quick", action="store_true", help="2 warm-ups + 3 repetitions of 0.25 s")
    p.add_argument("--cpu-clock", action="store_true", help="time this thread's CPU time instead of wall time")
    p.add_argument("--seed", type=int, default=1)
    return p


def settings(args):
    if args.quick:
        args.seconds, args.reps, args.warmups = 0.25, 3, 2
    return args


def measure(chunk, args):
    """Like metarl's Bench: repetitions call chunk() (which returns its units of work) until
    args.seconds have passed; the median rate over args.reps measured repetitions, after args.warmups."""
    clock = time.thread_time if args.cpu_clock else time.perf_counter

    def rate():
        units = 0
        start = clock()
        while True:
            units += chunk()
            elapsed = clock() - start
            if elapsed >= args.seconds:
                return units / elapsed

    for _ in range(args.warmups):
        rate()
    rates = [rate() for _ in range(args.reps)]
    return {"median": statistics.median(rates), "min": min(rates), "max": max(rates), "rates": rates}


def header(workload, args):
    """The fields every JSON line starts with."""
    h = {"workload": workload, "torch": torch.__version__, "python": platform.python_version(),
         "threads": torch.get_num_threads(), "clock": "thread-cpu" if args.cpu_clock else "wall",
         "warmups": args.warmups, "reps": args.reps, "seconds": args.seconds}
    h.update(blas_info())
    h["load_average"] = list(os.getloadavg())
    return h


def emit(record):
    """The one JSON line a script prints on standard output (progress goes to standard error)."""
    print(json.dumps(record, separators=(",", ":")), flush=True)


def log(msg):
    print(msg, file=sys.stderr, flush=True)
