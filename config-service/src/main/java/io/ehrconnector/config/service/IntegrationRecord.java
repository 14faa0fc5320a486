package io.ehrconnector.config.service;

import java.util.List;

/**
 * One record the Epic analyst creates in Epic for a configuration: a name, what it is for, and the exact values to enter,
 * in the order Epic asks for them.
 *
 * @param kind    which record
 * @param title   its name in the portal and on the printable page
 * @param purpose one sentence: what Epic uses it for
 * @param fields  the values to enter, each copyable
 */
public record IntegrationRecord(Kind kind, String title, String purpose, List<Field> fields) {

    public enum Kind { PROVIDER_LAUNCH, PATIENT_LAUNCH, SMS_DIRECT, SMS_CONFIGURATION, DEVICE_TEST }

    /**
     * @param label what Epic calls the setting
     * @param value exactly what to enter
     * @param note  when to use it or what to watch for, or null
     */
    public record Field(String label, String value, String note) {
    }
}
