#!/bin/sh
# Builds the demo benchmark in a scratch package (release) and runs it.
# Usage: Benchmarks/Demo/bench.sh [--customers N] [--threads T] [--stats]
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SCRATCH=${SCRATCH:-/tmp/obhut-demo-bench}
mkdir -p "$SCRATCH/Sources"
ln -sfn "$ROOT/Sources/ObhutCore" "$SCRATCH/Sources/ObhutCore"
ln -sfn "$ROOT/Sources/ObhutDemo" "$SCRATCH/Sources/ObhutDemo"
ln -sfn "$ROOT/Benchmarks/Demo" "$SCRATCH/Sources/DemoBench"
cat > "$SCRATCH/Package.swift" <<'PKG'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "DemoBench",
    platforms: [.macOS(.v14)],
    targets: [
        .target(name: "ObhutCore"),
        .target(name: "ObhutDemo", dependencies: ["ObhutCore"]),
        .executableTarget(name: "DemoBench", dependencies: ["ObhutDemo", "ObhutCore"], exclude: ["bench.sh", "bgnbd_check.py"]),
    ],
    swiftLanguageModes: [.v6]
)
PKG
cd "$SCRATCH" && swift build -c release --product DemoBench >/dev/null
exec "$SCRATCH/.build/release/DemoBench" "$@"
