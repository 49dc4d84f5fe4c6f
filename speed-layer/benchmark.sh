#!/usr/bin/env bash
# Runs the speed layer's handler benchmark (not a test) on one thread. Usage: speed-layer/benchmark.sh [events-per-window] [rounds] [contract: clickstream (default), iot-telemetry or a folder]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ./mvnw -B -q -pl speed-layer -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/benchmark.classpath > target-benchmark-build.log 2>&1; then
  cat target-benchmark-build.log >&2
  rm -f target-benchmark-build.log
  exit 1
fi
rm -f target-benchmark-build.log
cp="speed-layer/target/test-classes:speed-layer/target/classes:$(cat speed-layer/target/benchmark.classpath)"
# One core: a single benchmark thread, and a serial collector so GC does not borrow the second core.
exec java -XX:+UseSerialGC -XX:ActiveProcessorCount=1 -Xmx1g -cp "$cp" io.firelake.speed.benchmark.SpeedLayerBenchmark "$@"
