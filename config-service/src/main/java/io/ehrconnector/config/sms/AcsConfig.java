package io.ehrconnector.config.sms;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The Azure Communication Services resource the connector buys and releases SMS numbers in. Without endpoint and access key,
 * SMS settings still work but number jobs answer 503.
 */
@ConfigMapping(prefix = "ehr.acs")
public interface AcsConfig {

    /** The resource endpoint, {@code https://<name>.communication.azure.com}. */
    Optional<String> endpoint();

    /** The resource's access key (base64): a secret, from the environment ({@code EHR_ACS_ACCESS_KEY}) only; never logged. */
    Optional<String> accessKey();

    /** Extra trust for the endpoint's certificate (tests: the ACS stand-in's self-signed one); empty in production. */
    TrustStore trustStore();

    /** How long to wait between two polls of an Azure long-running operation (search, purchase, release). */
    @WithDefault("PT2S")
    Duration pollInterval();

    /** A job whose Azure operation is still running after this long fails (with a reason saying so). */
    @WithDefault("PT30M")
    Duration jobTimeout();

    /** How long a replica holds a job between two progress writes; a job left longer is taken over by another replica. */
    @WithDefault("PT2M")
    Duration jobLease();

    /** How often abandoned jobs (lease run out: restart, crash) are looked for. */
    @WithDefault("30s")
    String sweepEvery();

    /** Connect and response timeout of each HTTP call to Azure. */
    @WithDefault("PT30S")
    Duration httpTimeout();

    interface TrustStore {

        /** A PKCS12 trust store file whose certificates are trusted instead of the JVM's public CAs (tests only). */
        Optional<String> path();

        Optional<String> password();
    }
}
