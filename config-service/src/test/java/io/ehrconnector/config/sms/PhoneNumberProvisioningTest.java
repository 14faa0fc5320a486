package io.ehrconnector.config.sms;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ehrconnector.testing.ServiceDatabase;
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
import io.ehrconnector.testing.standins.StandInRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "New phone number" through the real ACS phone numbers SDK against the ACS stand-in (HTTPS, HMAC): the job's progress is
 * visible while Azure's operations run, it ends ACTIVE (or FAILED with a readable reason), a restart resumes or fails it
 * clearly, and releasing gives the number back.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(AcsResource.class)
class PhoneNumberProvisioningTest {

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @InjectStandIn
    AcsStandIn acs;

    SmsFixture fx;

    record Seen(String step, String progress, boolean boughtAtAcs) {
    }

    @BeforeEach
    void fixture() {
        fx = new SmsFixture(entra, ehr, acs);
    }

    @AfterEach
    void reset() {
        acs.operationPollsBeforeDone(1);
        acs.wireMock().resetScenarios();
    }

    @Test
    void aNewNumberIsSearchedAndBoughtWhileTheJobShowsProgress() {
        EntraHospital h = EntraHospital.create("Hospital");
        fx.giveConsents(h);
        acs.operationPollsBeforeDone(3);
        int requestsBefore = acs.requests().size();

        ExtractableResponse<Response> started = fx.as(h.admin()).body(Map.of("country", "US", "type", "TOLL_FREE"))
                .post("/api/v1/sms/phone-numbers").then().statusCode(202)
                .header("Location", containsString("/api/v1/sms/phone-numbers/jobs/"))
                .body("step", equalTo("QUEUED")).body("done", equalTo(false)).body("status", equalTo("PROVISIONING"))
                .extract();
        String location = started.header("Location");
        String jobId = started.path("jobId");
        String numberId = started.path("phoneNumberId");
        assertTrue(location.endsWith("/api/v1/sms/phone-numbers/jobs/" + jobId), location);

        List<Seen> seen = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(60);
        String step;
        do {
            ExtractableResponse<Response> job = fx.as(h.analyst()).get("/api/v1/sms/phone-numbers/jobs/" + jobId).then()
                    .statusCode(200).extract();
            step = job.path("step");
            String number = job.path("phoneNumber");
            boolean bought = number != null && acs.purchasedPhoneNumbers().contains(number);
            if (seen.isEmpty() || !seen.getLast().progress().equals(job.path("progress"))) {
                seen.add(new Seen(step, job.path("progress"), bought));
            }
            sleep(20);
        } while (!List.of("ACTIVE", "FAILED").contains(step) && Instant.now().isBefore(deadline));

        assertEquals("ACTIVE", step, seen.toString());
        assertTrue(seen.stream().anyMatch(s -> s.step().equals("SEARCHING") && s.progress().contains("still searching")),
                seen.toString());
        // seen while Azure's purchase operation was still running: the stand-in had not bought the number yet
        assertTrue(seen.stream().anyMatch(s -> s.step().equals("PURCHASING") && s.progress().contains("still buying")
                && s.progress().contains("checked 1 time") && !s.boughtAtAcs()), seen.toString());

        String e164 = fx.as(h.admin()).get("/api/v1/sms/phone-numbers/jobs/" + jobId).then().statusCode(200)
                .body("done", equalTo(true)).body("status", equalTo("ACTIVE"))
                .body("progress", containsString("can now be linked"))
                .extract().path("phoneNumber");
        assertTrue(e164.matches("\\+1833555\\d{4}"), e164);
        assertTrue(acs.purchasedPhoneNumbers().contains(e164));
        fx.as(h.admin()).get("/api/v1/sms/phone-numbers/" + numberId).then().statusCode(200)
                .body("phoneNumber", equalTo(e164)).body("type", equalTo("TOLL_FREE")).body("status", equalTo("ACTIVE"));

        List<StandInRequest> sent = acs.requests().subList(requestsBefore, acs.requests().size());
        StandInRequest search = sent.stream().filter(r -> r.method().equals("POST")
                && r.rawPath().equals("/availablePhoneNumbers/countries/US/:search")).findFirst().orElseThrow();
        assertEquals("tollFree", search.json().path("phoneNumberType").asText(), search.bodyText());
        assertEquals("inbound+outbound", search.json().path("capabilities").path("sms").asText(), search.bodyText());
        assertTrue(sent.stream().anyMatch(r -> r.method().equals("POST") && r.rawPath().equals("/availablePhoneNumbers/:purchase")));
        assertTrue(sent.stream().filter(r -> r.rawPath().startsWith("/phoneNumbers/operations/")).count() >= 8,
                "search and purchase polled until done");
        assertTrue(sent.stream().allMatch(acs::hasValidSignature), "every call signed with the access key");

        fx.as(h.admin()).get("/api/v1/history").then().statusCode(200)
                .body("details", hasItem(containsString("sms phone number requested: US toll-free")))
                .body("details", hasItem(containsString("sms phone number " + e164 + " bought")));

        // the bought number is usable at once
        String url = fx.registerUrl(h, "bought");
        fx.as(h.admin()).body(Map.of("phoneNumberId", numberId))
                .put("/api/v1/sms/configurations/" + url + "/phone-number").then().statusCode(200)
                .body("sendingNumber", equalTo(e164));
    }

    @Test
    void aRefusedSearchEndsFailedWithAReadableReason() {
        EntraHospital h = EntraHospital.create("Hospital");
        fx.giveConsents(h);
        acs.wireMock().stubFor(post(urlPathMatching("/availablePhoneNumbers/countries/US/:search")).atPriority(1)
                .inScenario("no-numbers").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("refused")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"NoNumbersAvailable\",\"message\":\"No toll-free numbers are"
                                + " available with the requested capabilities.\"}}")));

        String jobId = fx.as(h.admin()).body(Map.of()).post("/api/v1/sms/phone-numbers").then().statusCode(202)
                .extract().path("jobId");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(fx.as(h.admin())
                .get("/api/v1/sms/phone-numbers/jobs/" + jobId).then().extract().path("step")));
        String numberId = fx.as(h.admin()).get("/api/v1/sms/phone-numbers/jobs/" + jobId).then().statusCode(200)
                .body("done", equalTo(true)).body("status", equalTo("FAILED"))
                .body("error", containsString("refused the search for a number"))
                .body("error", containsString("HTTP 400 NoNumbersAvailable: No toll-free numbers are available"))
                .body("error", containsString("Try again"))
                .extract().path("phoneNumberId");
        fx.as(h.admin()).get("/api/v1/sms/phone-numbers").then().statusCode(200)
                .body("find { it.id == '" + numberId + "' }.status", equalTo("FAILED"));
        // a FAILED number cannot be linked, and can be dismissed
        String url = fx.registerUrl(h, "failed");
        fx.as(h.admin()).body(Map.of("phoneNumberId", numberId))
                .put("/api/v1/sms/configurations/" + url + "/phone-number").then().statusCode(409)
                .body("detail", containsString("failed"));
        fx.as(h.admin()).delete("/api/v1/sms/phone-numbers/" + numberId).then().statusCode(200)
                .body("status", equalTo("RELEASED"));
        fx.as(h.admin()).get("/api/v1/sms/phone-numbers").then().statusCode(200).body("id", org.hamcrest.Matchers.empty());
        fx.as(h.admin()).get("/api/v1/history").then().statusCode(200)
                .body("details", hasItem(containsString("failed: Azure Communication Services refused")));
    }

    @Test
    void jobsLeftByAStoppedReplicaAreResumedOrFailedClearly() {
        EntraHospital h = EntraHospital.create("Hospital");
        String bought = fx.ownedNumber();        // Azure finished the purchase before the replica stopped
        String notBought = "+18335559876";        // Azure never bought it
        String purchaseDone = abandonedJob(h, "PURCHASING", bought);
        String purchaseLost = abandonedJob(h, "PURCHASING", notBought);
        String searchCut = abandonedJob(h, "SEARCHING", null);

        await().atMost(Duration.ofSeconds(40)).until(() -> List.of(purchaseDone, purchaseLost, searchCut).stream()
                .allMatch(job -> List.of("ACTIVE", "FAILED").contains(fx.as(h.admin())
                        .get("/api/v1/sms/phone-numbers/jobs/" + job).then().extract().path("step"))));

        fx.as(h.admin()).get("/api/v1/sms/phone-numbers/jobs/" + purchaseDone).then()
                .body("step", equalTo("ACTIVE")).body("phoneNumber", equalTo(bought))
                .body("progress", containsString("confirmed after the connector restarted"));
        fx.as(h.admin()).get("/api/v1/sms/phone-numbers/jobs/" + purchaseLost).then()
                .body("step", equalTo("FAILED"))
                .body("error", containsString("restarted while Azure was buying " + notBought))
                .body("error", containsString("import it"));
        fx.as(h.admin()).get("/api/v1/sms/phone-numbers/jobs/" + searchCut).then()
                .body("step", equalTo("ACTIVE")).body("progress", containsString("can now be linked"));
        assertFalse(acs.purchasedPhoneNumbers().contains(notBought));
    }

    @Test
    void releasingANumberUnlinksItAndGivesItBackToAzure() {
        EntraHospital h = EntraHospital.create("Hospital");
        fx.giveConsents(h);
        String url = fx.registerUrl(h, "release");
        String numberId = fx.importNumber(h);
        String e164 = fx.as(h.admin()).get("/api/v1/sms/phone-numbers/" + numberId).then().extract().path("phoneNumber");
        fx.sending(h, url, numberId, List.of("PT1H"));

        fx.as(h.admin()).delete("/api/v1/sms/phone-numbers/" + numberId).then().statusCode(409)
                .body("stops[0].configurationId", equalTo(url));
        String jobId = fx.as(h.admin()).queryParam("confirm", true).delete("/api/v1/sms/phone-numbers/" + numberId).then()
                .statusCode(202).header("Location", endsWith("/api/v1/sms/phone-numbers/jobs/"
                        + fx.as(h.admin()).get("/api/v1/sms/phone-numbers/" + numberId).then().extract().path("jobId")))
                .body("step", equalTo("RELEASING")).extract().path("jobId");
        fx.as(h.admin()).get("/api/v1/sms/configurations/" + url).then().statusCode(200)
                .body("phoneNumberId", org.hamcrest.Matchers.nullValue()).body("sending", equalTo(false));
        await().atMost(Duration.ofSeconds(30)).until(() -> "RELEASED".equals(fx.as(h.admin())
                .get("/api/v1/sms/phone-numbers/jobs/" + jobId).then().extract().path("step")));
        assertFalse(acs.purchasedPhoneNumbers().contains(e164));
        assertTrue(acs.requests().stream().anyMatch(r -> r.method().equals("DELETE")
                && r.rawPath().startsWith("/phoneNumbers/") && r.rawPath().endsWith(e164.substring(1))));
    }

    /** A job row as a replica that stopped mid-way leaves it: its lease ran out a minute ago. */
    private static String abandonedJob(EntraHospital h, String step, String number) {
        String id = UUID.randomUUID().toString();
        String jobId = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        ServiceDatabase.execute("insert into sms_phone_number (id, tenant_id, phone_number, number_type, status, job_id,"
                        + " job_step, progress, lease_owner, lease_until, created_at, created_by, created_by_oid, updated_at)"
                        + " values (?, ?, ?, 'TOLL_FREE', 'PROVISIONING', ?, ?, 'working', ?, ?, ?, ?, ?, ?)",
                id, h.tenant().id(), number, jobId, step, UUID.randomUUID().toString(), now.minusMinutes(1), now,
                h.admin().userPrincipalName(), h.admin().objectId(), now);
        return jobId;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
