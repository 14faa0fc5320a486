package io.ehrconnector.audit.writeback;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The EHR write-back ({@code ehr.write-back.*}). */
@ConfigMapping(prefix = "ehr.write-back")
public interface WriteBackSettings {

    /** Off: audit rows are still recorded and writes queued, but nothing is sent to EHRs. */
    @WithDefault("true")
    boolean enabled();

    /** The SMART Backend Services scope asked for (SMART v2; an EHR on SMART v1 wants {@code system/AuditEvent.write}). */
    @WithDefault("system/AuditEvent.c")
    String scope();

    /** How often each replica looks for due writes (it also starts at once when this replica queued one). */
    @WithDefault("1s")
    String every();

    /** Visits whose next write one claim takes. */
    @WithDefault("20")
    int batchSize();

    /** Writes in flight at once per replica. */
    @WithDefault("8")
    int concurrency();

    /** How long a claimed write is hidden from other replicas; well above ehr.fhir.request-timeout times two. */
    @WithDefault("PT1M")
    Duration lease();

    /** Wait after the first failed attempt; doubles with each further one, up to {@link #maxBackoff()}. */
    @WithDefault("PT1S")
    Duration firstBackoff();

    @WithDefault("PT5M")
    Duration maxBackoff();

    /** Attempts before a write is given up (parked and dead-lettered); the defaults span about an hour. */
    @WithDefault("20")
    int maxAttempts();

    /** Writes per second to one FHIR base URL, per replica. */
    @WithDefault("10")
    double ratePerSecond();

    /** A cached access token is renewed this long before it expires. */
    @WithDefault("PT60S")
    Duration tokenRenewAhead();
}
