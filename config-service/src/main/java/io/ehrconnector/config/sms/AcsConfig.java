package io.ehrconnector.config.sms;

import io.ehrconnector.support.acs.AcsConnection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The Azure Communication Services resource the connector buys and releases SMS numbers in (the connection settings are
 * service-support's, shared with sms-service). Without endpoint and access key, SMS settings still work but number jobs
 * answer 503.
 */
@ConfigMapping(prefix = "ehr.acs")
public interface AcsConfig extends AcsConnection {

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
}
