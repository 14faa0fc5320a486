package io.ehrconnector.hl7ingest.routing;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;

import java.util.Optional;

/** What the transport proved about the sender of a frame, before anything of the frame is read. */
public sealed interface Credential {

    /** Nothing proven; every frame is refused before it is parsed. */
    record Unauthenticated(String reason) implements Credential {
    }

    /** The operator bound a plain (non-TLS) MLLP listener to one configuration: everything it receives is for that one. */
    record BoundConfiguration(String configurationId) implements Credential {
    }

    /**
     * The sender proved possession of the private key of this certificate (TLS client authentication, or a signature over
     * the body); it serves the approved configurations that pin it.
     *
     * @param fingerprintSha256 of the certificate, in {@code EhrCertificate.fingerprintOf}'s format
     * @param environment       set when the endpoint itself names the environment (HTTPS), empty for MLLP
     */
    record EhrCertificate(String fingerprintSha256, Optional<Environment> environment) implements Credential {
    }
}
