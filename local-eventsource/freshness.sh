#!/usr/bin/env bash
# Measures the local speed layer's freshness (window end -> items readable) on kinesalite and DynamoDB Local.
# Usage: local-eventsource/freshness.sh [window-seconds] [windows] [events-per-second]
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ./mvnw -B -q -pl local-eventsource -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/benchmark.classpath > target-freshness-build.log 2>&1; then
  cat target-freshness-build.log >&2
  rm -f target-freshness-build.log
  exit 1
fi
rm -f target-freshness-build.log
cp="local-eventsource/target/test-classes:local-eventsource/target/classes:$(cat local-eventsource/target/benchmark.classpath)"
exec java -Daws.cborEnabled=false -Xmx1g -cp "$cp" io.firelake.local.eventsource.benchmark.SpeedLayerFreshnessBenchmark "$@"
