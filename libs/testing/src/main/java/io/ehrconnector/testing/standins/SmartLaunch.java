package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an EHR launch carries: the signed-in user and the context parameters the token response returns next to the
 * access token (SMART's {@code patient}, {@code encounter}, {@code need_patient_banner}, and Epic-style extras such as
 * {@code appointment}, {@code csn} and {@code loginDepartment}).
 *
 * @param user    the EHR user who launched
 * @param context token response parameters, in order
 */
public record SmartLaunch(EhrUser user, Map<String, Object> context) {

    public SmartLaunch {
        Objects.requireNonNull(user, "user");
        context = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    public static Builder forUser(EhrUser user) {
        return new Builder(user);
    }

    /** Builds a launch context parameter by parameter. */
    public static final class Builder {
        private final EhrUser user;
        private final Map<String, Object> context = new LinkedHashMap<>();

        private Builder(EhrUser user) {
            this.user = user;
        }

        public Builder patient(String patientId) {
            return param("patient", patientId);
        }

        public Builder encounter(String encounterId) {
            return param("encounter", encounterId);
        }

        /** Epic returns the FHIR Appointment id of a scheduled visit as {@code appointment}. */
        public Builder appointment(String appointmentId) {
            return param("appointment", appointmentId);
        }

        /** Epic's contact serial number of the encounter, a custom token response parameter. */
        public Builder csn(String csn) {
            return param("csn", csn);
        }

        public Builder loginDepartment(String departmentId) {
            return param("loginDepartment", departmentId);
        }

        public Builder needPatientBanner(boolean needed) {
            return param("need_patient_banner", needed);
        }

        /** Any other parameter (e.g. a session id the EHR passes along). */
        public Builder param(String name, Object value) {
            context.put(name, value);
            return this;
        }

        public SmartLaunch build() {
            return new SmartLaunch(user, context);
        }
    }
}
