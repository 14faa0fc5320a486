#!/usr/bin/env bash
# Runs one benchmark from the repository root, building what it needs; ends with its "BENCH <name> ..." line.
#   bench/run.sh hl7-mllp      MLLP throughput and ACK latency of hl7-ingest-service (see docs/benchmarks.md)
#   bench/run.sh hl7-crash     100,000 messages while hl7-ingest-service is SIGKILLed every 7-15 s: nothing acked is lost
#   bench/run.sh launch        SMART launch page and callback latency of launch-service, open loop (see docs/benchmarks.md)
#   bench/run.sh sms-reminders 100,000 reminders due within a minute: texts/s, lag from due time, per-number rate limit
#   bench/run.sh sms-crash     20,000 reminders while sms-service is SIGKILLed every 5-15 s: each text sent exactly once
#   bench/run.sh audit-writeback  participant events at 500/s through audit-service into the EHR stand-in as AuditEvents
# JVM settings pass through BENCH_OPTS, e.g. BENCH_OPTS="-Dconnections=8 -Dseconds=20 -Drate=1000".
set -euo pipefail
cd "$(dirname "$0")/.."
source bin/java-home.sh
name="${1:-}"
case "$name" in
  hl7-mllp) service=hl7-ingest-service main=Hl7MllpBench ;;
  hl7-crash) service=hl7-ingest-service main=Hl7CrashBench ;;
  launch) service=launch-service main=LaunchBench ;;
  sms-reminders) service=sms-service main=SmsRemindersBench ;;
  sms-crash) service=sms-service main=SmsCrashBench ;;
  audit-writeback) service=audit-service main=AuditWritebackBench ;;
  *)
    echo "usage: bench/run.sh hl7-mllp|hl7-crash|launch|sms-reminders|sms-crash|audit-writeback" >&2
    exit 2
    ;;
esac
./mvnw -B -q -ntp -DskipTests -Dlocal-stack.test.skip=true install -pl "$service",libs/local-stack -am
exec java ${BENCH_OPTS:-} -cp "libs/local-stack/target/classes:libs/local-stack/target/lib/*" \
  "io.ehrconnector.localstack.$main" "$PWD"
