package io.ehrconnector.audit.writeback;

import io.ehrconnector.support.ehr.EhrClientSettings;
import io.smallrye.config.ConfigMapping;

/** How audit-service reaches EHRs ({@code ehr.fhir.*}, the names launch-service and config-service use too). */
@ConfigMapping(prefix = "ehr.fhir")
public interface EhrConnection extends EhrClientSettings {
}
