"""`make bench`: build and test timings, measured in one run, reported as ratios.

(a) the sum of every document's solo execution time (one kernel at a time);
(b) a cold `make book` (no _build/);  (c) a no-op `make book`;
(d) `make book` after one CSV changed (data/models.csv, restored afterwards);
(e) `make test`.
The machine is shared and noisy, and its speed drifts over the minutes a run
takes (by a third, at times), so only ratios of timings taken close together
mean much.  Each ratio with a short timing behind it comes from five paired
trials, and the median trial is reported (the e/a trials of a single run have
ranged from 0.63 to 0.96):
  d/(c + solo): c, d and the re-executed documents' solo times, within seconds;
  e/a: `make test`, then (a) straight after it.
b/a uses the (a) of the first of those trials, which starts right after (b).
It also prints the CPU time (a) and (e) used in the median trial: (e)'s divided
by the number of cores is the least wall time `make test` can take on this machine.
"""

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.execution import CACHE_DIR, INPUTS_FILE, _execute, documents  # noqa: E402

CHANGED_CSV = ROOT / "data" / "models.csv"
TRIALS = 5


def cpu_used() -> float:
    """CPU seconds used so far by this process and its finished children (make, kernels, workers)."""
    return sum(usage.ru_utime + usage.ru_stime
               for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def solo_time(path: Path) -> float:
    started = time.perf_counter()
    *_, error = _execute(str(path), timeout=600)
    if error:
        raise SystemExit(f"{path} failed:\n{error}")
    return time.perf_counter() - started


def solo_times() -> dict[str, float]:
    return {str(path.relative_to(ROOT)): solo_time(path) for path in documents()}


def readers_of(csv: Path) -> list[str]:
    """Documents whose last execution read ``csv`` (from the build's own record)."""
    import json

    inputs = json.loads(INPUTS_FILE.read_text(encoding="utf-8"))
    return sorted(doc for doc, record in inputs.items() if str(csv.resolve()) in record["files"])


def main() -> None:
    make = ["make", "--no-print-directory"]
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    b = timed(make + ["book"])
    e_trials = []
    for _ in range(TRIALS):
        cpu = cpu_used()
        e = timed(make + ["test"])
        e_cpu = cpu_used() - cpu
        solo = solo_times()
        a_cpu = cpu_used() - cpu - e_cpu
        a = sum(solo.values())
        e_trials.append((e / a, e, a, e_cpu, a_cpu))
    e_ratio, e, a, e_cpu, a_cpu = sorted(e_trials)[len(e_trials) // 2]  # the median trial
    a_after_b = e_trials[0][2]  # (a) of the first trial, taken a minute after (b)
    original = CHANGED_CSV.read_bytes()
    d_trials = []
    for _ in range(TRIALS):
        c = timed(make + ["book"])
        try:
            # same numbers, different bytes: the table still validates, its hash changes
            CHANGED_CSV.write_bytes(original.replace(b"\n", b"\r\n"))
            d = timed(make + ["book"])
        finally:
            CHANGED_CSV.write_bytes(original)
        affected = readers_of(CHANGED_CSV)
        timed(make + ["book"])  # back to the committed data
        affected_solo = sum(solo_time(ROOT / doc) for doc in affected)
        d_trials.append((d / (c + affected_solo), c, d, affected_solo))
    d_ratio, c, d, affected_solo = sorted(d_trials)[len(d_trials) // 2]  # the median trial

    html = ROOT / "_build" / "html"
    pages = {p: p.stat().st_size for p in html.rglob("*.html")}
    heaviest = max(pages, key=pages.get)
    size = sum(p.stat().st_size for p in html.rglob("*") if p.is_file())

    print(f"(a) sum of solo execution times   {a:7.1f} s  ({len(solo)} documents; in the median e/a trial; "
          f"the trials gave {', '.join(f'{t[2]:.1f}' for t in e_trials)} s)")
    print(f"(b) cold build                    {b:7.1f} s")
    print(f"(c) no-op rebuild                 {c:7.1f} s  (in the median trial of {TRIALS})")
    print(f"(d) rebuild after {CHANGED_CSV.name} changed {d:5.1f} s  (the same trial; re-executes "
          f"{', '.join(affected)}, solo {affected_solo:.1f} s)")
    print(f"(e) make test                     {e:7.1f} s  (in the median e/a trial; the trials gave "
          f"{', '.join(f'{t[1]:.1f}' for t in e_trials)} s)")
    print(f"b/a = {b / a_after_b:.2f}   (target <= 0.75; with the (a) of the first trial, {a_after_b:.1f} s)")
    print(f"c/b = {c / b:.2f}   (target <= 0.15)")
    print(f"d/(c + affected solo) = {d_ratio:.2f}   (target <= 1.2; the trials gave "
          f"{', '.join(f'{t[0]:.2f}' for t in d_trials)})")
    print(f"e/a = {e_ratio:.2f}   (target <= 0.75; the trials gave {', '.join(f'{t[0]:.2f}' for t in e_trials)})")
    cores = os.cpu_count() or 1
    # a lower bound: processes that outlive their parent's wait (a browser's helpers) are not counted
    print(f"CPU time in that trial: (a) {a_cpu:.0f} s, (e) at least {e_cpu:.0f} s; on {cores} cores "
          f"(e) cannot take less than {e_cpu / cores:.0f} s, so e/a >= {e_cpu / cores / a:.2f} there")
    print(f"site: {size / 1e6:.1f} MB; heaviest page {heaviest.relative_to(html)} {pages[heaviest] / 1e6:.2f} MB")
    print(f"cache: {CACHE_DIR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
