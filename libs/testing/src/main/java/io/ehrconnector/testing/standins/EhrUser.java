package io.ehrconnector.testing.standins;

import java.util.Objects;

/**
 * The EHR user a SMART launch signs in: {@code userId} becomes the id_token {@code sub} (the EHR user's unique id the
 * connector maps to a Microsoft 365 user), {@code fhirUser} the FHIR resource that represents them.
 *
 * @param userId   opaque, stable EHR user id
 * @param fhirUser relative reference such as {@code Practitioner/abc}; the id_token carries it as an absolute URL
 */
public record EhrUser(String userId, String fhirUser) {

    public EhrUser {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(fhirUser, "fhirUser");
    }

    /** A practitioner user whose FHIR resource is {@code Practitioner/practitionerId}. */
    public static EhrUser practitioner(String userId, String practitionerId) {
        return new EhrUser(userId, "Practitioner/" + practitionerId);
    }
}
