package io.ehrconnector.launch.smart;

import io.smallrye.config.ConfigMapping;

/** How launch-service reaches the EHR's SMART endpoints ({@code ehr.fhir.*}, the names config-service uses too). */
@ConfigMapping(prefix = "ehr.fhir")
public interface EhrClientSettings extends io.ehrconnector.support.ehr.EhrClientSettings {
}
