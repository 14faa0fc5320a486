package io.ehrconnector.support.ehr;

import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * Certificates to trust for the EHR's HTTPS endpoints <em>in addition to</em> the JVM's public CAs: for a hospital whose Epic
 * endpoints use a private CA, and for tests (the EHR stand-in's self-signed certificate). A part of each service's
 * {@code ehr.fhir} configuration ({@code ehr.fhir.trust-store.*}); unset: public CAs only.
 */
public interface EhrTrustStore {

    /** Path of the trust store file; unset (or empty) for public CAs only. */
    Optional<String> path();

    /** Its password, from a secret; unset for a store without one. */
    Optional<String> password();

    /** {@code PKCS12} (default) or {@code JKS}. */
    @WithDefault("PKCS12")
    String type();
}
