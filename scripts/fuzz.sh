#!/usr/bin/env bash
# Fuzz resume-sync with libFuzzer: parsing, extraction, alignment and checks, the reports, the
# baseline, the text normalisers and merge (Sources/resume-sync-fuzz/FuzzEntry.swift).
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer options…]     (default: 60 seconds)
#
# Starts from the seed corpus in Tests/FuzzCorpus/seeds and keeps what it learns in
# .build-fuzz/corpus (libFuzzer writes new inputs into the first folder it is given only). A crash input is written to .build-fuzz/crash-*; copy it into
# Tests/FuzzCorpus/regressions/ so that FuzzRegressionTests replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
shift || true

# swiftc keeps only the last of several -sanitize= flags, so SwiftPM's separate
# "-sanitize=fuzzer -sanitize=address" compile Swift code with ASan but without libFuzzer's
# coverage counters (libFuzzer then finds "no interesting inputs"); the combined flag last
# restores both.
build=(swift build -c debug --product resume-sync-fuzz --sanitize=fuzzer --sanitize=address
  --scratch-path .build-fuzz -Xswiftc -DRESUME_SYNC_FUZZING -Xswiftc -sanitize=address,fuzzer)
"${build[@]}"
binary="$("${build[@]}" --show-bin-path)/resume-sync-fuzz"
mkdir -p .build-fuzz/corpus

# Swift's crash backtracer can hang for minutes on a sanitizer report: libFuzzer reports instead.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
  "$binary" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096 \
  -artifact_prefix=.build-fuzz/ -print_final_stats=1 "$@" \
  .build-fuzz/corpus Tests/FuzzCorpus/seeds
