#!/usr/bin/env python3
"""Benchmark resume-sync against the libxml2 parse floor on the same generated trees.

    python3 scripts/bench.py                 # the resume, 200 files / 20k entries, 2,000 files / 200k entries
    python3 scripts/bench.py --sizes 200     # only the 200-file trees
    python3 scripts/bench.py --runs 5
    python3 scripts/bench.py --sizes 2000 --against /tmp/before/.build/release/resume-sync
    python3 scripts/bench.py --sizes 200 --instructions

For each size it generates parallel trees (scripts/generate-trees.py, deterministic), takes a
baseline with the build being measured, applies 2% drift (the trees are kept in --work, one
folder per build, named by the digest of its executable: a lock records what the build that
wrote it verified, so each build is timed on a lock of its own), then times each command over the same files: `xmllint --noout` over
both trees in one process (the floor), `resume-sync check`, `diff`, `todo` and
`merge --dry-run`. Reported: median wall time of --runs runs, input MB/s, peak resident memory,
and each wall time as a ratio to the floor. Needs a release build (`swift build -c release`; RESUME_SYNC_BIN names another binary),
`xmllint` (Debian's libxml2-utils) and GNU time (/usr/bin/time). Nothing here is a test: the
figures depend on the machine; the ratios are what to compare.

Two builds are compared in turns with --against OTHER_BINARY: --rounds rounds of the floor, the
other build's `check` and this one's, one after the other, so that both meet the same state of
the machine; reported are the medians of wall and user time and, round by round, of each
build's ratio to that round's floor. --instructions counts instructions instead (valgrind's
callgrind, which unlike timings does not wander from run to run): `check` and the floor, and
the other build's `check` with --against.
"""
import argparse
import hashlib
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
    """Runs a command under GNU time; returns (wall seconds, peak KB, exit status, user seconds)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        completed = subprocess.run(
            ["/usr/bin/time", "-o", timing.name, "-f", "%e %M %U"] + command,
            cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        fields = open(timing.name).read().split()
        return float(fields[-3]), int(fields[-2]), completed.returncode, float(fields[-1])


def xml_files(folder):
    found = []
    for side in ("zh", "en"):
        for base, _, names in os.walk(os.path.join(folder, side)):
            found += [os.path.join(base, name) for name in names if name.endswith(".xml")]
    return sorted(found)


def build_digest(tool):
    """The first 12 hex digits of the SHA-256 of a build's executable."""
    digest = hashlib.sha256()
    with open(tool, "rb") as executable:
        for block in iter(lambda: executable.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:12]


def prepare(size, work, tool=None):
    """The trees of `size`, their baseline taken by `tool` (this build by default), then drifted.

    Each build gets trees of its own (the same files, from the same seed), named by its digest:
    a lock says what the build that wrote it verified (`"verified"`), so a build checking
    against another build's lock is not timed as it would run on its own."""
    tool = tool or binary()
    files, entries = SIZES[size]
    folder = os.path.join(work, f"trees-{size}-{build_digest(tool)}")
    if not os.path.isdir(folder):
        partial = folder + ".partial"
        shutil.rmtree(partial, ignore_errors=True)
        subprocess.run([sys.executable, GENERATOR, partial, "--files", str(files), "--entries", str(entries)], check=True, stdout=subprocess.DEVNULL)
        subprocess.run([tool, "accept", "--all"], cwd=partial, check=True, stderr=subprocess.DEVNULL)
        subprocess.run([sys.executable, GENERATOR, partial, "--files", str(files), "--entries", str(entries), "--drift", "0.02"], check=True, stdout=subprocess.DEVNULL)
        os.rename(partial, folder)
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
        seconds, peak, _, _ = run_timed(["xmllint", "--noout"] + files, folder)
        floor_times.append(seconds)
        floor_memory = max(floor_memory, peak)
    floor = statistics.median(floor_times)
    rows.append(("xmllint --noout (floor)", floor, floor_memory, 0))
    for name, command in commands():
        times, memory, status = [], 0, 0
        for _ in range(runs):
            seconds, peak, status, _ = run_timed(command, folder)
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


def compare_in_turns(label, folder, other, other_folder, rounds):
    """The floor, the other build's `check` and this one's, in turns, `rounds` times, each
    build on the trees it took the baseline of."""
    runs = {"floor": [], "other": [], "this": []}
    commands = {
        "floor": (["xmllint", "--noout"] + xml_files(folder), folder),
        "other": ([other, "check"], other_folder),
        "this": ([binary(), "check"], folder),
    }
    for _ in range(rounds):
        for name, (command, cwd) in commands.items():
            wall, _, _, user = run_timed(command, cwd)
            runs[name].append((wall, user))
    print(f"\n## {label}: `check` in {rounds} rounds, each of the floor, {other} and {binary()}")
    print("| | wall s (median) | user s (median) | × floor (median of rounds) | × floor (range) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, shown in (("floor", "xmllint --noout (floor)"), ("other", "the other build"), ("this", "this build")):
        walls = [wall for wall, _ in runs[name]]
        users = [user for _, user in runs[name]]
        ratios = [wall / floor for (wall, _), (floor, _) in zip(runs[name], runs["floor"]) if floor > 0]
        print(f"| {shown} | {statistics.median(walls):.2f} | {statistics.median(users):.2f} | "
              f"{statistics.median(ratios):.2f} | {min(ratios):.2f}–{max(ratios):.2f} |")


def count_instructions(label, folder, other, other_folder):
    """Instructions of `check` (and of the floor, and of the other build), by callgrind."""
    def count(command, ours=True, cwd=folder):
        with tempfile.TemporaryDirectory() as scratch:
            executable = command[0]
            if ours:
                # Valgrind cannot read the debug information Swift writes: count a copy without it.
                executable = os.path.join(scratch, "resume-sync")
                subprocess.run(["strip", "--strip-debug", "-o", executable, command[0]], check=True)
            output = os.path.join(scratch, "callgrind.out")
            completed = subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={output}", executable] + command[1:],
                cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
            found = [line for line in completed.stderr.splitlines() if "Collected" in line]
            return int(found[-1].split()[-1]) if found else None
    rows = [("xmllint --noout (floor)", count(["xmllint", "--noout"] + xml_files(folder), ours=False))]
    if other:
        rows.append(("the other build's check", count([other, "check"], cwd=other_folder)))
    rows.append(("check", count([binary(), "check"])))
    print(f"\n## {label}: instructions (callgrind)")
    print("| command | million instructions |")
    print("| --- | ---: |")
    for name, instructions in rows:
        print(f"| {name} | {instructions / 1e6:,.1f} |" if instructions else f"| {name} | (not counted) |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="*", default=["resume", "200", "2000"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "resume-sync-bench"))
    parser.add_argument("--against", metavar="BINARY", help="another build's resume-sync, timed in turns with this one")
    parser.add_argument("--rounds", type=int, default=11, help="rounds of --against (default 11)")
    parser.add_argument("--instructions", action="store_true", help="count instructions with valgrind instead of timing")
    args = parser.parse_args()
    if args.against and not os.path.exists(args.against):
        sys.exit(f"{args.against} does not exist")
    if args.instructions and shutil.which("valgrind") is None:
        sys.exit("valgrind is missing: apt-get install valgrind")
    if not os.path.exists(binary()):
        sys.exit("build first: swift build -c release")
    if shutil.which("xmllint") is None:
        sys.exit("xmllint is missing: apt-get install libxml2-utils")
    os.makedirs(args.work, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores; {subprocess.run(['uname', '-srm'], capture_output=True, text=True).stdout.strip()}")
    for size in args.sizes:
        folder = ROOT if size == "resume" else prepare(size, args.work)
        other_folder = folder if size == "resume" or not args.against else prepare(size, args.work, args.against)
        label = "the resume" if size == "resume" else f"{SIZES[size][0]} files × {SIZES[size][1]} entries"
        if args.instructions:
            count_instructions(label, folder, args.against, other_folder)
        elif args.against:
            compare_in_turns(label, folder, args.against, other_folder, args.rounds)
        elif size == "resume":
            resume_startup(args.runs)
        else:
            measure(label, folder, args.runs)


if __name__ == "__main__":
    main()
