package io.ehrconnector.support.ehr;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a service reaches EHRs' SMART and FHIR endpoints: the {@code ehr.fhir.*} settings config-service, launch-service and
 * audit-service share. A service maps them with its own {@code @ConfigMapping(prefix = "ehr.fhir")} interface extending this
 * one (a library mapping would be registered in every service).
 */
public interface EhrClientSettings {

    EhrTrustStore trustStore();

    /** Hosts besides the FHIR base URL's own that may serve its OAuth endpoints ({@link EhrEndpoints}). */
    Optional<List<String>> tokenEndpointHosts();

    /** Longest wait for a TCP + TLS connection to the EHR. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for an answer (discovery, JWKS, token, FHIR). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How long a FHIR server's .well-known/smart-configuration is reused. */
    @WithDefault("10m")
    Duration discoveryCacheTime();
}
