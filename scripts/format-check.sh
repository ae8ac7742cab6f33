#!/usr/bin/env bash
# Checks the code against .swift-format (the formatter ships with the Swift toolchain).
# Fix with: swift format --in-place --recursive Sources Tests Benchmarks/Kernel Benchmarks/Fuzz Benchmarks/FuzzLibFuzzer
set -euo pipefail
cd "$(dirname "$0")/.."
swift format lint --strict --recursive Sources Tests Benchmarks/Kernel Benchmarks/Fuzz Benchmarks/FuzzLibFuzzer
