package io.ehrconnector.sms.acs;

import io.ehrconnector.support.acs.AcsConnection;
import io.smallrye.config.ConfigMapping;

/**
 * sms-service's view of {@code ehr.acs.*}: the connection settings shared with config-service (endpoint, access key, trust
 * store, HTTP timeout). Without endpoint and access key every send answers {@link AcsSendResult.Kind#RETRYABLE}
 * {@code NotConfigured}.
 */
@ConfigMapping(prefix = "ehr.acs")
public interface AcsSettings extends AcsConnection {
}
