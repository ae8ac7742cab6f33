#!/usr/bin/env bash
# libFuzzer on the import readers and mapping (issue 9, "Hostile input"): compiles ObhutCore,
# ObhutImport and the harness of Benchmarks/Fuzz with `swiftc -sanitize=fuzzer` (coverage-guided)
# and runs it for SECONDS (default 300). The corpus starts from inputs of the seeded generator
# (obhut-fuzz --dump), so it begins past the header. Crashes and property violations are saved as
# crash-* files in OUT (default: a temp folder); replay one with: $OUT/fuzz-import FILE.
# Usage: scripts/libfuzz.sh [SECONDS]     (Linux, Swift 6 toolchain with libFuzzer)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:-300}
OUT=${OUT:-$(mktemp -d /tmp/obhut-libfuzz.XXXX)}
SCRATCH=${SCRATCH:-.build-h}
mkdir -p "$OUT/build" "$OUT/corpus"
FLAGS=(-O -sanitize=fuzzer -parse-as-library -swift-version 6 -module-cache-path "$OUT/build/cache")
swiftc "${FLAGS[@]}" -wmo -emit-module -emit-module-path "$OUT/build/ObhutCore.swiftmodule" -emit-object -module-name ObhutCore \
    -o "$OUT/build/ObhutCore.o" $(find Sources/ObhutCore -name '*.swift')
swiftc "${FLAGS[@]}" -wmo -I "$OUT/build" -emit-module -emit-module-path "$OUT/build/ObhutImport.swiftmodule" -emit-object -module-name ObhutImport \
    -o "$OUT/build/ObhutImport.o" $(find Sources/ObhutImport -name '*.swift')
swiftc "${FLAGS[@]}" -wmo -I "$OUT/build" -module-name FuzzImport -o "$OUT/fuzz-import" \
    Benchmarks/Fuzz/Generator.swift Benchmarks/Fuzz/Serializer.swift Benchmarks/Fuzz/Mutator.swift Benchmarks/Fuzz/Harness.swift \
    Benchmarks/FuzzLibFuzzer/Entry.swift "$OUT/build/ObhutCore.o" "$OUT/build/ObhutImport.o"
# Seed corpus: 300 inputs of the seeded generator, each with the byte that selects its reader.
[ -n "${SKIP_BUILD:-}" ] || swift build -c release --scratch-path "$SCRATCH" --product obhut-fuzz >/dev/null
"$SCRATCH/release/obhut-fuzz" --seed 1 --corpus "$OUT/corpus" --count 300
cd "$OUT"
./fuzz-import -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 corpus
