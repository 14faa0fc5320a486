package io.ehrconnector.config.sms;

import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraHospital;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the SMS tests share: a fresh hospital ({@link EntraHospital}) per test, so consents and numbers of one test never meet
 * another's; FHIR base URLs registered through the configuration API; numbers the ACS stand-in owns, imported.
 */
final class SmsFixture {

    static final String CLIENT_ID = "ehr-connector";
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(ThreadLocalRandom.current().nextInt(1000, 5000));

    private final EntraIdStandIn entra;
    private final EhrStandIn ehr;
    private final AcsStandIn acs;

    SmsFixture(EntraIdStandIn entra, EhrStandIn ehr, AcsStandIn acs) {
        this.entra = entra;
        this.ehr = ehr;
        this.acs = acs;
    }

    RequestSpecification as(EntraUser user) {
        return given().auth().oauth2(entra.issueUserAccessToken(user, CLIENT_ID, CLIENT_ID)).contentType(ContentType.JSON);
    }

    /** Registers a FHIR base URL of the hospital (checked against the EHR stand-in); its configuration id. */
    String registerUrl(EntraHospital h, String name) {
        String url = ehr.baseUrl() + "/" + name + "-" + UUID.randomUUID().toString().substring(0, 8) + EhrStandIn.FHIR_PATH;
        return as(h.admin()).body(Map.of("environment", "PRODUCTION", "fhirBaseUrl", url,
                        "approverUsername", h.analyst().userPrincipalName(), "organizationName", h.tenant().name(),
                        "timeZone", "America/Chicago"))
                .post("/api/v1/configurations").then().statusCode(201).extract().path("id");
    }

    String fhirBaseUrl(EntraHospital h, String configurationId) {
        return as(h.admin()).get("/api/v1/configurations/" + configurationId).then().statusCode(200)
                .extract().path("fhirBaseUrl");
    }

    void giveConsents(EntraHospital h) {
        for (ConsentKind kind : ConsentKind.values()) {
            as(h.admin()).body(Map.of("textVersion", kind.textVersion())).put("/api/v1/sms/consents/" + kind.slug())
                    .then().statusCode(200);
        }
    }

    /** A fresh US toll-free number the ACS resource owns (outside the stand-in's 555-01xx search range). */
    String ownedNumber() {
        String e164 = "+1844555" + String.format("%04d", NEXT_NUMBER.getAndIncrement() % 10000);
        acs.ownPhoneNumber(e164, "tollFree");
        return e164;
    }

    /** Imports a number the resource owns; its id. Needs the consents. */
    String importNumber(EntraHospital h) {
        return as(h.admin()).body(Map.of("phoneNumber", ownedNumber())).post("/api/v1/sms/phone-numbers/import")
                .then().statusCode(201).body("status", equalTo("ACTIVE")).extract().path("id");
    }

    /** Links the number and switches on every confirmation and the given reminders: the URL then sends texts. */
    void sending(EntraHospital h, String configurationId, String numberId, List<String> reminders) {
        as(h.admin()).body(Map.of("phoneNumberId", numberId))
                .put("/api/v1/sms/configurations/" + configurationId + "/phone-number").then().statusCode(200);
        as(h.admin()).body(Map.of("enabled", true, "confirmOnScheduled", true, "confirmOnUpdated", true,
                        "confirmOnCancelled", true, "reminderOffsets", reminders))
                .patch("/api/v1/sms/configurations/" + configurationId).then().statusCode(200);
    }
}
