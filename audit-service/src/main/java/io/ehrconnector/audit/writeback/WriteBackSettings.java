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
    @WithDefault("50")
    int batchSize();

    /** Writes in flight at once per replica (at most EhrWebClients' connections per EHR host go out at once). */
    @WithDefault("16")
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

    /** Epic's telehealth connection-status call, for configurations that choose it. */
    EpicConnectionStatusSettings epic();

    /**
     * Epic's SetExternalConnectionStatus: the path below the Interconnect instance (the FHIR base URL without
     * {@code /api/FHIR/R4}), the vendor name Epic knows the connector by, and the codes the hospital's Epic build expects for
     * the status and for the kind of id (confirm both with the Epic analyst: they are set up per organisation).
     */
    interface EpicConnectionStatusSettings {

        @WithDefault("/api/epic/2018/Telehealth/ContextLinking/SetExternalConnectionStatus")
        String path();

        @WithDefault("ehr-connector")
        String vendorName();

        @WithDefault("1")
        String connectedStatus();

        @WithDefault("2")
        String disconnectedStatus();

        /** ExternalIDType of a provider, identified by the EHR user id it launched with. */
        @WithDefault("1")
        String providerIdType();

        /** ExternalIDType of a patient or guest, identified by the connector's opaque participant id. */
        @WithDefault("2")
        String participantIdType();
    }
}
