#!/usr/bin/env bash
# The deployed transform against a Python peer of AWS's Firehose processing blueprint, side by side in one run, on
# the same 1 MB batch, with the JIT settings worth weighing for Lambda (docs/benchmarks.md, "Transform against a
# Python peer"). About 4 minutes with the default minute per contender; --help for the options.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != "--no-build" ]]; then
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
else
  shift
fi
mkdir -p benchmarks/target/results
exec java -Dfirelake.results=benchmarks/target/results -cp benchmarks/target/benchmarks.jar \
  io.firelake.benchmarks.transform.TransformPeers "$@"
