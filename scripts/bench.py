#!/usr/bin/env python3
"""Benchmark resume-sync against the libxml2 parse floor on the same generated trees.

    python3 scripts/bench.py                 # the resume, 200 files / 20k entries, 2,000 files / 200k entries
    python3 scripts/bench.py --sizes 200     # only the 200-file trees
    python3 scripts/bench.py --runs 5

For each size it generates parallel trees (scripts/generate-trees.py, deterministic), takes a
baseline, applies 2% drift, then times each command over the same files: `xmllint --noout` over
both trees in one process (the floor), `resume-sync check`, `diff`, `todo` and
`merge --dry-run`. Reported: median wall time of --runs runs, input MB/s, peak resident memory,
and each wall time as a ratio to the floor. Needs a release build (`swift build -c release`; RESUME_SYNC_BIN names another binary),
`xmllint` (Debian's libxml2-utils) and GNU time (/usr/bin/time). Nothing here is a test: the
figures depend on the machine; the ratios are what to compare.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATOR = os.path.join(ROOT, "scripts", "generate-trees.py")
SIZES = {"200": (200, 100), "2000": (2000, 100)}


def run_timed(command, cwd):
    """Runs a command under GNU time; returns (seconds, peak KB, exit status)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        completed = subprocess.run(
            ["/usr/bin/time", "-o", timing.name, "-f", "%e %M"] + command,
            cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        fields = open(timing.name).read().split()
        return float(fields[-2]), int(fields[-1]), completed.returncode


def xml_files(folder):
    found = []
    for side in ("zh", "en"):
        for base, _, names in os.walk(os.path.join(folder, side)):
            found += [os.path.join(base, name) for name in names if name.endswith(".xml")]
    return sorted(found)


def prepare(size, work):
    files, entries = SIZES[size]
    folder = os.path.join(work, f"trees-{size}")
    if not os.path.isdir(folder):
        subprocess.run([sys.executable, GENERATOR, folder, "--files", str(files), "--entries", str(entries)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([binary(), "accept", "--all"], cwd=folder, check=True, stderr=subprocess.DEVNULL)
        subprocess.run([sys.executable, GENERATOR, folder, "--files", str(files), "--entries", str(entries), "--drift", "0.02"], check=True, stdout=subprocess.DEVNULL)
    return folder


def binary():
    return os.environ.get("RESUME_SYNC_BIN") or os.path.join(ROOT, ".build", "release", "resume-sync")


def commands():
    tool = binary()
    listed = subprocess.run([tool, "--help"], capture_output=True, text=True).stdout
    result = [("check", [tool, "check"]), ("diff", [tool, "diff"])]
    if "  todo " in listed:
        result.append(("todo", [tool, "todo", "--format", "json"]))
    if "  merge " in listed:
        result.append(("merge --dry-run", [tool, "merge", "zh", "en", "--dry-run"]))
    return result


def measure(label, folder, runs):
    files = xml_files(folder)
    megabytes = sum(os.path.getsize(path) for path in files) / 1e6
    rows = []
    floor_times = []
    floor_memory = 0
    for _ in range(runs):
        seconds, peak, _ = run_timed(["xmllint", "--noout"] + files, folder)
        floor_times.append(seconds)
        floor_memory = max(floor_memory, peak)
    floor = statistics.median(floor_times)
    rows.append(("xmllint --noout (floor)", floor, floor_memory, 0))
    for name, command in commands():
        times, memory, status = [], 0, 0
        for _ in range(runs):
            seconds, peak, status = run_timed(command, folder)
            times.append(seconds)
            memory = max(memory, peak)
        rows.append((name, statistics.median(times), memory, status))
    print(f"\n## {label}: {len(files)} files, {megabytes:.1f} MB in both trees")
    print(f"| command | wall s | MB/s | peak MB | × floor | exit |")
    print(f"| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, seconds, peak, status in rows:
        ratio = seconds / floor if floor > 0 else float("nan")
        rate = megabytes / seconds if seconds > 0 else float("inf")
        print(f"| {name} | {seconds:.2f} | {rate:.0f} | {peak / 1024:.0f} | {ratio:.2f} | {status} |")


def resume_startup(runs):
    """`check` on the repository's own resume, process start to exit, in milliseconds."""
    import time
    samples = []
    for _ in range(max(runs, 20)):
        start = time.perf_counter()
        subprocess.run([binary(), "check"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    print("\n## the resume: `resume-sync check` from process start to exit")
    print(f"median {statistics.median(samples):.1f} ms, fastest {samples[0]:.1f} ms, slowest {samples[-1]:.1f} ms over {len(samples)} runs")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", default=["resume", "200", "2000"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "resume-sync-bench"))
    args = parser.parse_args()
    if not os.path.exists(binary()):
        sys.exit("build first: swift build -c release")
    if shutil.which("xmllint") is None:
        sys.exit("xmllint is missing: apt-get install libxml2-utils")
    os.makedirs(args.work, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; {subprocess.run(['uname', '-srm'], capture_output=True, text=True).stdout.strip()}")
    for size in args.sizes:
        if size == "resume":
            resume_startup(args.runs)
        else:
            measure(f"{SIZES[size][0]} files × {SIZES[size][1]} entries", prepare(size, args.work), args.runs)


if __name__ == "__main__":
    main()
