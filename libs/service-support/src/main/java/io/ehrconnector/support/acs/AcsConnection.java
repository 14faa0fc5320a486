package io.ehrconnector.support.acs;

import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * How a service reaches the operator's Azure Communication Services resource ({@code ehr.acs.*}). Each service that talks to
 * ACS has its own {@code @ConfigMapping(prefix = "ehr.acs")} extending this, with whatever else it needs; {@link AcsHttp}
 * turns these settings into the JDK HTTP client the Azure SDKs run on.
 */
public interface AcsConnection {

    /** The resource endpoint, {@code https://<name>.communication.azure.com}. */
    Optional<String> endpoint();

    /** The resource's access key (base64): a secret, from the environment ({@code EHR_ACS_ACCESS_KEY}) only; never logged. */
    Optional<String> accessKey();

    /** Extra trust for the endpoint's certificate (tests: the ACS stand-in's self-signed one); empty in production. */
    TrustStore trustStore();

    /** Connect and response timeout of each HTTP call to Azure. */
    @WithDefault("PT30S")
    Duration httpTimeout();

    interface TrustStore {

        /** A PKCS12 trust store file whose certificates are trusted instead of the JVM's public CAs (tests only). */
        Optional<String> path();

        Optional<String> password();
    }
}
