package io.ehrconnector.config.sms;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.testing.quarkus.AcsResource;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraHospital;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The SMS settings API: consents first, numbers, links, per-URL settings, the stop warning, isolation and roles. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(AcsResource.class)
class SmsSettingsApiTest {

    private static final String PROBLEM = "application/problem+json";

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @InjectStandIn
    AcsStandIn acs;

    @Inject
    SmsSettingsService service;

    SmsFixture fx;

    @BeforeEach
    void fixture() {
        fx = new SmsFixture(entra, ehr, acs);
    }

    @Test
    void bothConsentsGateEverythingElse() {
        EntraHospital h = EntraHospital.create("Hospital");
        String url = fx.registerUrl(h, "gate");
        fx.as(h.analyst()).get("/api/v1/sms/consents").then().statusCode(200)
                .body("bothGiven", equalTo(false))
                .body("consents.name", contains("patients", "acs"))
                .body("consents[0].text", containsString("TCPA"))
                .body("consents[1].text", containsString("Azure Communication Services"))
                .body("consents[1].text", containsString("clinical details"))
                .body("consents.given", contains(false, false));

        fx.as(h.admin()).body(Map.of()).post("/api/v1/sms/phone-numbers").then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://ehr-connector.io/problems/sms-consent-missing"))
                .body("detail", containsString("patients and acs"))
                .body("errors.field", contains("consents.patients", "consents.acs"));
        fx.as(h.admin()).body(Map.of("enabled", true)).patch("/api/v1/sms/configurations/" + url).then().statusCode(409);
        fx.as(h.admin()).body(Map.of("phoneNumberId", java.util.UUID.randomUUID().toString()))
                .put("/api/v1/sms/configurations/" + url + "/phone-number").then().statusCode(409);
        fx.as(h.admin()).get("/api/v1/sms/configurations").then().statusCode(409);
        fx.as(h.admin()).get("/api/v1/sms/configurations/" + url).then().statusCode(409);
        fx.as(h.admin()).body(Map.of("phoneNumber", fx.ownedNumber())).post("/api/v1/sms/phone-numbers/import").then()
                .statusCode(409);

        fx.as(h.admin()).body(Map.of("textVersion", "1999-01")).put("/api/v1/sms/consents/patients").then()
                .statusCode(422).body("errors.field", contains("textVersion"));
        fx.as(h.admin()).body(Map.of("textVersion", ConsentKind.PATIENTS.textVersion())).put("/api/v1/sms/consents/patients")
                .then().statusCode(200).body("bothGiven", equalTo(false))
                .body("consents[0].given", equalTo(true))
                .body("consents[0].givenBy", equalTo(h.admin().userPrincipalName()))
                .body("consents[0].givenAt", not(nullValue()));
        fx.as(h.admin()).body(Map.of("enabled", true)).patch("/api/v1/sms/configurations/" + url).then().statusCode(409)
                .body("errors.field", contains("consents.acs"))
                .body("detail", containsString("Missing: acs"));
        fx.as(h.admin()).body(Map.of("textVersion", ConsentKind.ACS.textVersion())).put("/api/v1/sms/consents/acs")
                .then().statusCode(200).body("bothGiven", equalTo(true));

        fx.as(h.admin()).get("/api/v1/sms/configurations").then().statusCode(200).body("", empty());
        fx.as(h.admin()).body(Map.of("enabled", true)).patch("/api/v1/sms/configurations/" + url).then().statusCode(200)
                .body("enabled", equalTo(true)).body("sending", equalTo(false))
                .body("notSendingBecause", hasItem(containsString("No sending number")));
        fx.as(h.admin()).get("/api/v1/history").then().statusCode(200)
                .body("details", hasItem(containsString("sms consent given: patients")))
                .body("details", hasItem(containsString("sms consent given: acs")));
    }

    @Test
    void reminderOffsetsAreValidatedFieldByField() {
        EntraHospital h = EntraHospital.create("Hospital");
        String url = fx.registerUrl(h, "reminders");
        fx.giveConsents(h);
        String path = "/api/v1/sms/configurations/" + url;

        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("P1D", "tomorrow"))).patch(path).then().statusCode(422)
                .contentType(PROBLEM).body("errors.field", contains("reminderOffsets[1]"))
                .body("errors[0].message", containsString("ISO-8601"));
        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("P1D", "PT2H", "PT1H", "PT30M", "PT15M", "PT10M", "PT5M")))
                .patch(path).then().statusCode(422).body("errors.field", contains("reminderOffsets"));
        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("P1D", "PT24H"))).patch(path).then().statusCode(422)
                .body("errors.field", contains("reminderOffsets[1]"))
                .body("errors[0].message", containsString("twice"));
        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("PT4M", "P31D", "-PT1H", "PT90S"))).patch(path).then()
                .statusCode(422).body("errors.field", contains("reminderOffsets[0]", "reminderOffsets[1]",
                        "reminderOffsets[2]", "reminderOffsets[3]"));
        // nothing was saved
        fx.as(h.admin()).get("/api/v1/sms/configurations").then().statusCode(200).body("", empty());

        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("PT15M", "P7D", "PT1H", "P1D", "PT5M", "P30D")))
                .patch(path).then().statusCode(200)
                .body("reminderOffsets", contains("P30D", "P7D", "P1D", "PT1H", "PT15M", "PT5M"));
    }

    @Test
    void linkingAndUnlinkingANumber() {
        EntraHospital h = EntraHospital.create("Hospital");
        fx.giveConsents(h);
        String first = fx.registerUrl(h, "link-a");
        String second = fx.registerUrl(h, "link-b");
        String number = fx.importNumber(h);
        String e164 = fx.as(h.admin()).get("/api/v1/sms/phone-numbers/" + number).then().statusCode(200)
                .extract().path("phoneNumber");

        for (String url : List.of(first, second)) {
            fx.as(h.admin()).body(Map.of("phoneNumberId", number))
                    .put("/api/v1/sms/configurations/" + url + "/phone-number").then().statusCode(200)
                    .body("phoneNumberId", equalTo(number)).body("sendingNumber", equalTo(e164))
                    .body("enabled", equalTo(false)).body("sending", equalTo(false));
        }
        fx.as(h.analyst()).get("/api/v1/sms/phone-numbers").then().statusCode(200)
                .body("find { it.id == '" + number + "' }.linkedUrls", containsInAnyOrder(
                        fx.fhirBaseUrl(h, first), fx.fhirBaseUrl(h, second)));

        // a URL has one number: linking another replaces it
        String other = fx.importNumber(h);
        fx.as(h.admin()).body(Map.of("phoneNumberId", other))
                .put("/api/v1/sms/configurations/" + second + "/phone-number").then().statusCode(200)
                .body("phoneNumberId", equalTo(other));
        fx.as(h.admin()).delete("/api/v1/sms/configurations/" + second + "/phone-number").then().statusCode(200)
                .body("phoneNumberId", nullValue()).body("sendingNumber", nullValue());
        fx.as(h.admin()).get("/api/v1/sms/phone-numbers/" + number).then().statusCode(200)
                .body("linkedUrls", contains(fx.fhirBaseUrl(h, first)));

        ConfigurationSnapshot.SmsSettings snapshot = snapshot(h, first);
        assertEquals(e164, snapshot.sendingNumber());
        assertEquals(true, snapshot.consentsGiven());
        assertNull(snapshot(h, fx.registerUrl(h, "never-set-up")));
    }

    @Test
    void aChangeThatStopsTextsIsRefusedListingWhatStopsUnlessConfirmed() {
        EntraHospital h = EntraHospital.create("Hospital");
        fx.giveConsents(h);
        String url = fx.registerUrl(h, "warn");
        String quiet = fx.registerUrl(h, "warn-quiet");
        String number = fx.importNumber(h);
        fx.sending(h, url, number, List.of("P1D", "PT1H"));
        fx.as(h.admin()).body(Map.of("phoneNumberId", number))
                .put("/api/v1/sms/configurations/" + quiet + "/phone-number").then().statusCode(200);
        String path = "/api/v1/sms/configurations/" + url;
        String fhirBaseUrl = fx.fhirBaseUrl(h, url);

        // removing one reminder stops that reminder
        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("P1D"))).patch(path).then().statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ehr-connector.io/problems/sms-would-stop"))
                .body("detail", containsString("confirm=true"))
                .body("detail", containsString("1 hour before"))
                .body("stops", hasSize(1))
                .body("stops[0].configurationId", equalTo(url))
                .body("stops[0].fhirBaseUrl", equalTo(fhirBaseUrl))
                .body("stops[0].confirmations", empty())
                .body("stops[0].reminders", contains("PT1H"))
                .body("stops[0].allSmsStops", equalTo(false));
        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("P1D"))).queryParam("preview", true).patch(path).then()
                .statusCode(200).body("preview", equalTo(true)).body("confirmationRequired", equalTo(true))
                .body("wouldStop[0].reminders", contains("PT1H"));
        fx.as(h.admin()).get(path).then().statusCode(200).body("reminderOffsets", contains("P1D", "PT1H"));
        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("P1D"))).queryParam("confirm", true).patch(path).then()
                .statusCode(200).body("reminderOffsets", contains("P1D"));

        // adding texts never needs confirming
        fx.as(h.admin()).body(Map.of("reminderOffsets", List.of("P1D", "PT15M"))).patch(path).then().statusCode(200);

        // switching off, or removing every message type, stops everything
        fx.as(h.admin()).body(Map.of("enabled", false)).patch(path).then().statusCode(409)
                .body("stops[0].allSmsStops", equalTo(true))
                .body("stops[0].confirmations", contains("SCHEDULED", "UPDATED", "CANCELLED"))
                .body("stops[0].reminders", contains("P1D", "PT15M"));
        fx.as(h.admin()).body(Map.of("confirmOnScheduled", false, "confirmOnUpdated", false, "confirmOnCancelled", false,
                "reminderOffsets", List.of())).patch(path).then().statusCode(409)
                .body("stops[0].allSmsStops", equalTo(true));

        // unlinking: only the URL that sends is listed; the quiet one shares the number but sends nothing
        fx.as(h.admin()).delete(path + "/phone-number").then().statusCode(409)
                .body("stops.configurationId", contains(url))
                .body("stops[0].summary", containsString("all texts stop"));
        fx.as(h.admin()).delete("/api/v1/sms/configurations/" + quiet + "/phone-number").then().statusCode(200);

        // releasing the number: the same list; preview first, then confirmed
        fx.as(h.admin()).queryParam("preview", true).delete("/api/v1/sms/phone-numbers/" + number).then().statusCode(200)
                .body("wouldStop.configurationId", contains(url));
        fx.as(h.admin()).delete("/api/v1/sms/phone-numbers/" + number).then().statusCode(409)
                .body("stops.configurationId", contains(url));

        // withdrawing a consent stops every URL of the tenant
        fx.as(h.admin()).delete("/api/v1/sms/consents/acs").then().statusCode(409)
                .body("stops.configurationId", contains(url))
                .body("detail", containsString("sms consent withdrawn: acs"));
        fx.as(h.admin()).get(path).then().statusCode(200).body("sending", equalTo(false))
                .body("notSendingBecause", contains(
                        "The configuration is PENDING_APPROVAL; texts go out for approved configurations only."));
        fx.as(h.admin()).queryParam("confirm", true).delete(path + "/phone-number").then().statusCode(200)
                .body("phoneNumberId", nullValue());
        assertNull(snapshot(h, url).sendingNumber());
        assertEquals(true, snapshot(h, url).enabled());
    }

    @Test
    void withdrawingAConsentNeedsConfirmationThenGatesEverythingAgain() {
        EntraHospital h = EntraHospital.create("Hospital");
        fx.giveConsents(h);
        String url = fx.registerUrl(h, "withdraw");
        fx.sending(h, url, fx.importNumber(h), List.of("PT1H"));

        fx.as(h.admin()).queryParam("preview", true).delete("/api/v1/sms/consents/patients").then().statusCode(200)
                .body("wouldStop[0].allSmsStops", equalTo(true));
        fx.as(h.admin()).delete("/api/v1/sms/consents/patients").then().statusCode(409)
                .body("stops[0].allSmsStops", equalTo(true));
        fx.as(h.admin()).get("/api/v1/sms/consents").then().body("consents[0].given", equalTo(true));
        fx.as(h.admin()).queryParam("confirm", true).delete("/api/v1/sms/consents/patients").then().statusCode(200)
                .body("bothGiven", equalTo(false)).body("consents[0].given", equalTo(false));
        assertEquals(false, snapshot(h, url).consentsGiven());

        fx.as(h.admin()).body(Map.of("enabled", false)).patch("/api/v1/sms/configurations/" + url).then().statusCode(409)
                .body("errors.field", contains("consents.patients"));
        // numbers can still be listed and released, so the hospital can stop paying for them
        fx.as(h.admin()).get("/api/v1/sms/phone-numbers").then().statusCode(200).body("", hasSize(1));
        // withdrawing again changes nothing
        fx.as(h.admin()).delete("/api/v1/sms/consents/patients").then().statusCode(200);
    }

    @Test
    void onlyUsNumbers() {
        EntraHospital h = EntraHospital.create("Hospital");
        fx.giveConsents(h);
        fx.as(h.admin()).body(Map.of("country", "CA")).post("/api/v1/sms/phone-numbers").then().statusCode(422)
                .contentType(PROBLEM).body("errors.field", contains("country"))
                .body("detail", containsString("United States only"));
        fx.as(h.admin()).body(Map.of("country", "GB", "type", "FAX", "areaCode", "020")).post("/api/v1/sms/phone-numbers")
                .then().statusCode(422).body("errors.field", contains("country", "type", "areaCode"));
        for (String foreign : List.of("+442071838750", "+4915112345678", "+18005550", "18445550100", "+10445550100")) {
            fx.as(h.admin()).body(Map.of("phoneNumber", foreign)).post("/api/v1/sms/phone-numbers/import").then()
                    .statusCode(422).body("errors.field", contains("phoneNumber"))
                    .body("detail", containsString("US numbers only"));
        }
        fx.as(h.admin()).body(Map.of("phoneNumber", "+18445559999")).post("/api/v1/sms/phone-numbers/import").then()
                .statusCode(422).body("detail", containsString("does not own"));
        fx.as(h.admin()).get("/api/v1/sms/phone-numbers").then().statusCode(200).body("", empty());
    }

    @Test
    void anotherTenantsUrlsNumbersAndJobsAreNotFound() {
        EntraHospital a = EntraHospital.create("Hospital");
        EntraHospital b = EntraHospital.create("Hospital");
        fx.giveConsents(a);
        fx.giveConsents(b);
        String urlA = fx.registerUrl(a, "iso-a");
        String urlB = fx.registerUrl(b, "iso-b");
        String numberA = fx.importNumber(a);
        String numberB = fx.importNumber(b);
        fx.sending(a, urlA, numberA, List.of("P1D"));
        String jobA = fx.as(a.admin()).get("/api/v1/sms/phone-numbers/" + numberA).then().extract().path("jobId");

        fx.as(b.admin()).get("/api/v1/sms/configurations/" + urlA).then().statusCode(404).contentType(PROBLEM);
        fx.as(b.admin()).body(Map.of("enabled", false)).patch("/api/v1/sms/configurations/" + urlA).then().statusCode(404);
        fx.as(b.admin()).queryParam("confirm", true).delete("/api/v1/sms/configurations/" + urlA + "/phone-number").then()
                .statusCode(404);
        fx.as(b.admin()).body(Map.of("phoneNumberId", numberB))
                .put("/api/v1/sms/configurations/" + urlA + "/phone-number").then().statusCode(404);
        fx.as(b.admin()).body(Map.of("phoneNumberId", numberA))
                .put("/api/v1/sms/configurations/" + urlB + "/phone-number").then().statusCode(404)
                .body("type", equalTo("https://ehr-connector.io/problems/sms-phone-number-not-found"));
        fx.as(b.admin()).get("/api/v1/sms/phone-numbers/" + numberA).then().statusCode(404);
        fx.as(b.admin()).queryParam("confirm", true).delete("/api/v1/sms/phone-numbers/" + numberA).then().statusCode(404);
        fx.as(b.admin()).get("/api/v1/sms/phone-numbers/jobs/" + jobA).then().statusCode(404);
        fx.as(b.admin()).get("/api/v1/sms/phone-numbers").then().statusCode(200).body("id", contains(numberB));
        fx.as(b.admin()).get("/api/v1/sms/configurations").then().statusCode(200).body("configurationId", empty());
        fx.as(b.admin()).get("/api/v1/sms/configurations/not-a-uuid").then().statusCode(404);

        fx.as(a.admin()).get("/api/v1/sms/configurations/" + urlA).then().statusCode(200)
                .body("phoneNumberId", equalTo(numberA)).body("enabled", equalTo(true));
    }

    @Test
    void analystsReadButCannotChange() {
        EntraHospital h = EntraHospital.create("Hospital");
        String url = fx.registerUrl(h, "roles");
        given().get("/api/v1/sms/consents").then().statusCode(401);
        fx.as(h.analyst()).body(Map.of("textVersion", ConsentKind.PATIENTS.textVersion()))
                .put("/api/v1/sms/consents/patients").then().statusCode(403).contentType(PROBLEM);
        fx.giveConsents(h);
        String number = fx.importNumber(h);
        fx.as(h.analyst()).delete("/api/v1/sms/consents/patients").then().statusCode(403);
        fx.as(h.analyst()).body(Map.of()).post("/api/v1/sms/phone-numbers").then().statusCode(403);
        fx.as(h.analyst()).body(Map.of("phoneNumber", fx.ownedNumber())).post("/api/v1/sms/phone-numbers/import").then()
                .statusCode(403);
        fx.as(h.analyst()).delete("/api/v1/sms/phone-numbers/" + number).then().statusCode(403);
        fx.as(h.analyst()).body(Map.of("phoneNumberId", number))
                .put("/api/v1/sms/configurations/" + url + "/phone-number").then().statusCode(403);
        fx.as(h.analyst()).delete("/api/v1/sms/configurations/" + url + "/phone-number").then().statusCode(403);
        fx.as(h.analyst()).body(Map.of("enabled", true)).patch("/api/v1/sms/configurations/" + url).then().statusCode(403);

        fx.as(h.analyst()).get("/api/v1/sms/consents").then().statusCode(200).body("bothGiven", equalTo(true));
        fx.as(h.analyst()).get("/api/v1/sms/phone-numbers").then().statusCode(200).body("id", contains(number));
        fx.as(h.analyst()).get("/api/v1/sms/configurations").then().statusCode(200).body("", empty());
    }

    private ConfigurationSnapshot.SmsSettings snapshot(EntraHospital h, String configurationId) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> service.snapshotSettings(h.tenant().id(), configurationId));
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
