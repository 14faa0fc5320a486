#!/usr/bin/env bash
# Runs one benchmark from the repository root, building what it needs; ends with its "BENCH <name> ..." line.
#   bench/run.sh hl7-mllp      MLLP throughput and ACK latency of hl7-ingest-service (see docs/benchmarks.md)
# JVM settings pass through BENCH_OPTS, e.g. BENCH_OPTS="-Dconnections=8 -Dseconds=20 -Drate=1000".
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/java-home.sh
name="${1:-}"
case "$name" in
  hl7-mllp)
    ./mvnw -B -q -ntp -DskipTests install -pl hl7-ingest-service,libs/local-stack -am
    exec java ${BENCH_OPTS:-} -cp "libs/local-stack/target/classes:libs/local-stack/target/lib/*" \
      io.ehrconnector.localstack.Hl7MllpBench "$PWD"
    ;;
  *)
    echo "usage: bench/run.sh hl7-mllp" >&2
    exit 2
    ;;
esac
