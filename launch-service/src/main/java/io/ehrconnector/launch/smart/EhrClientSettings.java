package io.ehrconnector.launch.smart;

import io.ehrconnector.support.ehr.EhrTrustStore;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How launch-service reaches the EHR's SMART endpoints ({@code ehr.fhir.*}, the names config-service uses too). */
@ConfigMapping(prefix = "ehr.fhir")
public interface EhrClientSettings {

    EhrTrustStore trustStore();

    /** Hosts besides the FHIR base URL's own that may serve its authorize and token endpoints (see config-service). */
    Optional<List<String>> tokenEndpointHosts();

    /** Longest wait for a TCP + TLS connection to the EHR. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** Longest wait for a discovery, JWKS or token answer. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** How long a FHIR server's .well-known/smart-configuration is reused. */
    @WithDefault("10m")
    Duration discoveryCacheTime();
}
