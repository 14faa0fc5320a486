#!/usr/bin/env bash
# Runs one benchmark from the repository root, building what it needs; ends with its "BENCH <name> ..." line.
#   bench/run.sh hl7-mllp      MLLP throughput and ACK latency of hl7-ingest-service (see docs/benchmarks.md)
#   bench/run.sh hl7-crash     100,000 messages while hl7-ingest-service is SIGKILLed every 7-15 s: nothing acked is lost
# JVM settings pass through BENCH_OPTS, e.g. BENCH_OPTS="-Dconnections=8 -Dseconds=20 -Drate=1000".
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/java-home.sh
name="${1:-}"
case "$name" in
  hl7-mllp|hl7-crash)
    ./mvnw -B -q -ntp -DskipTests -Dlocal-stack.test.skip=true install -pl hl7-ingest-service,libs/local-stack -am
    main=$([ "$name" = hl7-mllp ] && echo Hl7MllpBench || echo Hl7CrashBench)
    exec java ${BENCH_OPTS:-} -cp "libs/local-stack/target/classes:libs/local-stack/target/lib/*" \
      "io.ehrconnector.localstack.$main" "$PWD"
    ;;
  *)
    echo "usage: bench/run.sh hl7-mllp|hl7-crash" >&2
    exit 2
    ;;
esac
