package io.ehrconnector.config.rest;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.service.ConfigurationService;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The configuration API end to end: roles, tenant isolation, the approval lifecycle, records, history and the topic. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class ConfigurationApiTest {

    private static final String CLIENT_ID = "ehr-connector";

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @Inject
    ConfigurationService service;

    @Test
    void adminRegistersAnalystValidatesAndApprovesThenRecordsAppear() throws Throwable {
        String id = register(EntraDirectory.CONTOSO_ADMIN, uniqueUrl("flow"), "TEST");

        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/configurations/" + id).then().statusCode(200)
                .body("status", equalTo("PENDING_APPROVAL"))
                .body("nextStep", containsString("signs in to Epic"));
        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/configurations/" + id + "/integration-records").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("validated and approved"));
        as(EntraDirectory.CONTOSO_ANALYST).post("/api/v1/configurations/" + id + "/approval").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("Sign in to Epic first"));

        smartValidated(EntraDirectory.CONTOSO_ANALYST, id);
        as(EntraDirectory.CONTOSO_ANALYST).post("/api/v1/configurations/" + id + "/approval").then().statusCode(200)
                .body("status", equalTo("APPROVED"))
                .body("approvedBy", equalTo(EntraDirectory.CONTOSO_ANALYST.userPrincipalName().toLowerCase()));

        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/configurations/" + id + "/integration-records").then().statusCode(200)
                .body("kind", equalTo(List.of("PROVIDER_LAUNCH", "PATIENT_LAUNCH", "SMS_DIRECT", "SMS_CONFIGURATION",
                        "DEVICE_TEST")))
                .body("[0].fields.value", hasItem(containsString("/launch/test/provider")))
                .body("[0].fields.value", hasItem("sessionId=%CSN%"))
                .body("[0].fields.value", hasItem("sessionId=%CONFERENCEID%"));

        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/history").then().statusCode(200)
                .body("findAll { it.configurationId == '" + id + "' }.action",
                        equalTo(List.of("APPROVED", "SMART_VALIDATED", "REGISTERED")));

        ConfigurationSnapshot last = lastSnapshot(id, 3);
        assertEquals(ConfigurationSnapshot.Status.APPROVED, last.status());
        assertEquals(EntraDirectory.CONTOSO.id(), last.tenantId());
    }

    @Test
    void anyEditSendsAnApprovedConfigurationBackToPending() throws Throwable {
        String id = approved(EntraDirectory.CONTOSO_ADMIN, EntraDirectory.CONTOSO_ANALYST, "PRODUCTION");
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body(Map.of("organizationName", "Contoso Health"))
                .patch("/api/v1/configurations/" + id).then().statusCode(200)
                .body("status", equalTo("PENDING_APPROVAL"))
                .body("organizationName", equalTo("Contoso Health"))
                .body("version", equalTo(4));
        assertEquals(ConfigurationSnapshot.Status.PENDING_APPROVAL, lastSnapshot(id, 4).status());
    }

    @Test
    void rolesAreEnforced() {
        given().get("/api/v1/configurations").then().statusCode(401);
        as(EntraDirectory.CONTOSO_PROVIDER).get("/api/v1/configurations").then().statusCode(403);
        as(EntraDirectory.CONTOSO_ANALYST).contentType(ContentType.JSON).body(request(uniqueUrl("analyst"), "TEST",
                EntraDirectory.CONTOSO_ANALYST)).post("/api/v1/configurations").then().statusCode(403);
        String id = register(EntraDirectory.CONTOSO_ADMIN, uniqueUrl("roles"), "TEST");
        as(EntraDirectory.CONTOSO_ADMIN).post("/api/v1/configurations/" + id + "/approval").then().statusCode(403);
    }

    @Test
    void onlyTheNamedAnalystMayApprove() throws Throwable {
        String id = register(EntraDirectory.CONTOSO_ADMIN, uniqueUrl("named"), "TEST");
        as(EntraDirectory.CONTOSO_ADMIN_ANALYST).post("/api/v1/configurations/" + id + "/approval").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString(EntraDirectory.CONTOSO_ANALYST.userPrincipalName().toLowerCase()));
    }

    @Test
    void anotherTenantSeesNothingAndChangesNothing() {
        String id = register(EntraDirectory.CONTOSO_ADMIN, uniqueUrl("isolation"), "TEST");
        for (EntraUser outsider : List.of(EntraDirectory.FABRIKAM_ADMIN, EntraDirectory.FABRIKAM_ANALYST,
                EntraDirectory.FABRIKAM_ADMIN_ANALYST)) {
            as(outsider).get("/api/v1/configurations/" + id).then().statusCode(404).contentType("application/problem+json");
            as(outsider).get("/api/v1/configurations/" + id + "/integration-records").then().statusCode(404);
            as(outsider).get("/api/v1/configurations").then().statusCode(200).body("id", not(hasItem(id)));
            as(outsider).get("/api/v1/history").then().statusCode(200).body("configurationId", not(hasItem(id)));
        }
        as(EntraDirectory.FABRIKAM_ADMIN).contentType(ContentType.JSON).body(Map.of("organizationName", "Taken over"))
                .patch("/api/v1/configurations/" + id).then().statusCode(404);
        as(EntraDirectory.FABRIKAM_ADMIN).post("/api/v1/configurations/" + id + "/disable").then().statusCode(404);
        as(EntraDirectory.FABRIKAM_ANALYST).post("/api/v1/configurations/" + id + "/approval").then().statusCode(404);
        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/configurations/" + id).then().statusCode(200)
                .body("organizationName", equalTo("Contoso Hospital")).body("version", equalTo(1));
    }

    @Test
    void badInputIsRefusedWithWhatToFixAndChangesNothing() {
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON)
                .body(request("http://ehr.contoso.org/api/FHIR/R4", "TEST", EntraDirectory.CONTOSO_ANALYST))
                .post("/api/v1/configurations").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("fhirBaseUrl"));
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("environment", "TEST")).post("/api/v1/configurations").then().statusCode(422)
                .body("errors.field", hasItem("approverUsername"));
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("environment", "STAGING")).post("/api/v1/configurations").then().statusCode(400)
                .contentType("application/problem+json");
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body("{not json")
                .post("/api/v1/configurations").then().statusCode(400).contentType("application/problem+json");
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body("{\"organizationName\":\"" + "x".repeat(200_000) + "\"}")
                .post("/api/v1/configurations").then().statusCode(413);
        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/configurations/not-a-uuid").then().statusCode(404);

        String url = uniqueUrl("duplicate");
        register(EntraDirectory.CONTOSO_ADMIN, url, "TEST");
        as(EntraDirectory.FABRIKAM_ADMIN).contentType(ContentType.JSON)
                .body(request(url, "TEST", EntraDirectory.FABRIKAM_ANALYST))
                .post("/api/v1/configurations").then().statusCode(422).body("detail", containsString("already registered"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private RequestSpecification as(EntraUser user) {
        return given().auth().oauth2(entra.issueUserAccessToken(user, CLIENT_ID, CLIENT_ID));
    }

    private String register(EntraUser admin, String url, String environment) {
        return as(admin).contentType(ContentType.JSON).body(request(url, environment, analystOf(admin)))
                .post("/api/v1/configurations").then().statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL"))
                .extract().path("id");
    }

    private String approved(EntraUser admin, EntraUser analyst, String environment) throws Throwable {
        String id = register(admin, uniqueUrl("approved-" + environment), environment);
        smartValidated(analyst, id);
        as(analyst).post("/api/v1/configurations/" + id + "/approval").then().statusCode(200);
        return id;
    }

    /** The SMART sign-in itself is tested on its own; here its outcome is recorded as the callback would. */
    private void smartValidated(EntraUser analyst, String id) throws Throwable {
        Caller caller = new Caller(analyst.tenant().id(), analyst.objectId(), analyst.userPrincipalName(), analyst.roles());
        String url = as(analyst).get("/api/v1/configurations/" + id).then().statusCode(200).extract().path("fhirBaseUrl");
        String environment = as(analyst).get("/api/v1/configurations/" + id).then().extract().path("environment");
        VertxContextSupport.subscribeAndAwait(() -> service.smartValidated(caller, id, url,
                ConfigurationSnapshot.Environment.valueOf(environment)));
    }

    private static EntraUser analystOf(EntraUser admin) {
        return admin.tenant().equals(EntraDirectory.CONTOSO) ? EntraDirectory.CONTOSO_ANALYST : EntraDirectory.FABRIKAM_ANALYST;
    }

    private static Map<String, Object> request(String url, String environment, EntraUser approver) {
        return Map.of("environment", environment, "fhirBaseUrl", url, "approverUsername", approver.userPrincipalName(),
                "organizationName", approver.tenant().name(), "timeZone", "America/Chicago");
    }

    /**
     * Each registration needs its own URL (a URL is registered once): the stand-in answers under any Epic-style instance
     * prefix, as hospitals' Epic URLs have one (https://host/interconnect-prd-oauth/api/FHIR/R4).
     */
    private String uniqueUrl(String name) {
        return ehr.baseUrl() + "/" + name + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + EhrStandIn.FHIR_PATH;
    }

    private ConfigurationSnapshot lastSnapshot(String id, long version) {
        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.CONFIGURATIONS, r -> id.equals(r.key())
                    && CloudEventCodec.fromJson(r.value(), EventType.CONFIGURATION_PUBLISHED, ConfigurationSnapshot.class)
                    .data().version() == version, Duration.ofSeconds(30)).orElseThrow();
            return CloudEventCodec.fromJson(record.value(), EventType.CONFIGURATION_PUBLISHED, ConfigurationSnapshot.class).data();
        }
    }
}
