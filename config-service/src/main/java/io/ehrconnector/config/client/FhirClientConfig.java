package io.ehrconnector.config.client;

import io.ehrconnector.support.ehr.EhrTrustStore;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the connector reaches EHR FHIR servers ({@code ehr.fhir.*}). */
@ConfigMapping(prefix = "ehr.fhir")
public interface FhirClientConfig {

    /**
     * Certificates to trust for EHR FHIR servers <em>in addition to</em> the JVM's public CAs: for a hospital whose Epic
     * endpoints use a private CA, and for tests (the EHR stand-in's self-signed certificate). Unset: public CAs only.
     */
    TrustStore trustStore();

    /** Limits of {@link FhirServerProbe}. */
    Probe probe();

    /**
     * Hosts besides the FHIR server's own that a SMART configuration may name as its {@code token_endpoint}. The connector
     * sends signed client assertions and authorization codes there, so by default only the FHIR base URL's host is
     * accepted (Epic serves OAuth 2.0 from the same Interconnect host); an operator whose EHR really uses another host
     * lists it here.
     */
    Optional<List<String>> tokenEndpointHosts();

    interface TrustStore extends EhrTrustStore {
    }

    interface Probe {

        /** Longest wait for a TCP + TLS connection. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest silence while waiting for (more of) an answer. */
        @WithDefault("5s")
        Duration idleTimeout();

        /** Longest a whole probe (metadata, redirects and SMART configuration) may take. */
        @WithDefault("30s")
        Duration totalTimeout();

        /** Largest response body read, in bytes; more is cut off (Epic's CapabilityStatement is a few hundred KB). */
        @WithDefault("4194304")
        int maxResponseBytes();

        /** How many redirects to the same host are followed; redirects to another host never are. */
        @WithDefault("3")
        int maxRedirects();
    }
}
