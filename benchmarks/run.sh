#!/usr/bin/env bash
# Reruns every firelake benchmark of docs/benchmarks.md that this module owns (transform, cold start, Parquet, cost)
# and prints their tables. A few minutes on 2 cores. Figures land in benchmarks/target/results/ (one .md and one
# .properties per benchmark; the cost model reads the others' .properties).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'EOF'
Usage: benchmarks/run.sh [--quick] [--no-build] [--only NAME]...

Builds the benchmarks module (and what it depends on), then runs, in this order:
  transform  JMH: MB/s of Firehose input per core for 1, 2 and 3 MB batches of realistic events, through the pure
             core and the RequestStreamHandler wire path, each next to its no-enrichment limit; the wire path
             again with Lambda's default JIT (C1 only)
  coldstart  fresh JVMs with only the shaded transform jar: process start to the first response for 1 MB
  parquet    events per CPU second and bytes per event: Parquet (lake-format) vs JSON vs gzip JSON
  cost       the monthly AWS bill for 1 million and 1 billion events, from the figures above

Options:
  --quick      short runs to check that everything works (not measurements)
  --no-build   use the jars already in benchmarks/target
  --only NAME  run only this benchmark (repeatable): transform, coldstart, parquet, cost

Results: benchmarks/target/results/*.md (and summary.md, everything in one file with the machine's description).
EOF
}

quick=false
build=true
only=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=true ;;
    --no-build) build=false ;;
    --only) only+=("$2"); shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done

wanted() {
  [[ ${#only[@]} -eq 0 ]] && return 0
  local name
  for name in "${only[@]}"; do [[ "$name" == "$1" ]] && return 0; done
  return 1
}

if $build; then
  echo "== building (./mvnw -B -q -pl benchmarks -am package -DskipTests)"
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi
for jar in benchmarks/target/benchmarks.jar benchmarks/target/benchmarks-launcher.jar \
           firehose-transform/target/firelake-firehose-transform.jar; do
  [[ -f "$jar" ]] || { echo "$jar is missing: run without --no-build" >&2; exit 1; }
done

results=benchmarks/target/results
mkdir -p "$results"
run() { java -Dfirelake.results="$results" -cp benchmarks/target/benchmarks.jar "$@"; }

{
  echo "- CPU: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'))"
  echo "- memory: $(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "- java: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "- load average at start (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
} > "$results/machine.md"
cat "$results/machine.md"

if wanted transform; then
  echo "== transform (JMH)"
  if $quick; then run io.firelake.benchmarks.transform.TransformReport --quick; else run io.firelake.benchmarks.transform.TransformReport; fi
fi
if wanted coldstart; then
  echo "== cold start"
  if $quick; then run io.firelake.benchmarks.coldstart.ColdStartBenchmark --runs 3; else run io.firelake.benchmarks.coldstart.ColdStartBenchmark --runs 10; fi
fi
if wanted parquet; then
  echo "== Parquet"
  if $quick; then run io.firelake.benchmarks.parquet.ParquetBenchmark --events 10000 --rounds 1; else run io.firelake.benchmarks.parquet.ParquetBenchmark; fi
fi
if wanted cost; then
  echo "== cost"
  run io.firelake.benchmarks.cost.CostReport
fi

echo "- load average at end (1, 5, 15 min): $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)" >> "$results/machine.md"
{
  echo "# firelake benchmark results"
  echo
  cat "$results/machine.md"
  for name in transform coldstart parquet cost; do
    [[ -f "$results/$name.md" ]] || continue
    echo
    echo "## $name"
    echo
    cat "$results/$name.md"
  done
} > "$results/summary.md"
echo "== all figures: $results/summary.md"
