package io.ehrconnector.localstack;

import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.EhrStandIn;

import java.util.Map;

/** How the services are told about the stand-ins, where the local stack and the benchmarks say it alike. */
final class StandInSettings {

    private StandInSettings() {
    }

    /** The EHR stand-in's self-signed certificate, trusted as a hospital's private CA would be ({@code ehr.fhir.trust-store}). */
    static Map<String, String> ehrTrust(EhrStandIn ehr) {
        return Map.of("EHR_FHIR_TRUST_STORE_PATH", ehr.trustStorePath().toString(),
                "EHR_FHIR_TRUST_STORE_PASSWORD", ehr.trustStorePassword(),
                "EHR_FHIR_TRUST_STORE_TYPE", ehr.trustStoreType());
    }

    /**
     * The ACS resource (sms-service's texts, config-service's number purchases): the stand-in's endpoint and access key, and
     * its self-signed certificate as the only trusted one ({@code ehr.acs.*}, service-support's AcsConnection).
     */
    static Map<String, String> acs(AcsStandIn acs) {
        return Map.of("EHR_ACS_ENDPOINT", acs.endpoint(),
                "EHR_ACS_ACCESS_KEY", acs.accessKey(),
                "EHR_ACS_TRUST_STORE_PATH", acs.trustStorePath().toString(),
                "EHR_ACS_TRUST_STORE_PASSWORD", acs.trustStorePassword());
    }
}
