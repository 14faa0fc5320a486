package io.ehrconnector.config.rest;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.service.ConfigurationService;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.EhrWriteBack;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin's choice of EHR write-back: its default, setting it at registration and later, that a change of it alone keeps
 * the approval but is recorded and published, bad values, roles and tenant isolation.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class EhrWriteBackApiTest {

    private static final String CLIENT_ID = "ehr-connector";

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @Inject
    ConfigurationService service;

    @Test
    void aRegistrationWithoutAChoiceWritesFhirAuditEvents() {
        String id = as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON)
                .body(request(uniqueUrl("default"), null)).post("/api/v1/configurations").then().statusCode(201)
                .body("ehrWriteBack", equalTo("FHIR_AUDIT_EVENT"))
                .extract().path("id");
        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/configurations/" + id).then().statusCode(200)
                .body("ehrWriteBack", equalTo("FHIR_AUDIT_EVENT"));

        ConsumerRecord<String, String> published = publishedVersion(id, 1);
        assertTrue(published.value().contains("\"ehrWriteBack\":\"FHIR_AUDIT_EVENT\""), published.value());
    }

    @Test
    void aRegistrationMayChooseEpicsConnectionStatus() {
        String id = as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON)
                .body(request(uniqueUrl("on-create"), "EPIC_CONNECTION_STATUS")).post("/api/v1/configurations").then()
                .statusCode(201)
                .body("ehrWriteBack", equalTo("EPIC_CONNECTION_STATUS"))
                .body("status", equalTo("PENDING_APPROVAL"))
                .extract().path("id");
        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/configurations").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.ehrWriteBack", equalTo("EPIC_CONNECTION_STATUS"));
        assertEquals(EhrWriteBack.EPIC_CONNECTION_STATUS, snapshot(publishedVersion(id, 1)).ehrWriteBack());
        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/history").then().statusCode(200)
                .body("find { it.configurationId == '" + id + "' && it.action == 'REGISTERED' }.details",
                        containsString("ehrWriteBack EPIC_CONNECTION_STATUS"));
    }

    @Test
    void anAdminChangesItKeepingTheApprovalAndTheChangeIsRecordedAndPublished() throws Throwable {
        String id = approved("keeps-approval");
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body(Map.of("ehrWriteBack", "EPIC_CONNECTION_STATUS"))
                .patch("/api/v1/configurations/" + id).then().statusCode(200)
                .body("ehrWriteBack", equalTo("EPIC_CONNECTION_STATUS"))
                .body("status", equalTo("APPROVED"))
                .body("approvedBy", equalTo(EntraDirectory.CONTOSO_ANALYST.userPrincipalName().toLowerCase()))
                .body("smartValidatedAt", notNullValue())
                .body("version", equalTo(4));
        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/configurations/" + id + "/integration-records").then()
                .statusCode(200);

        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/history").then().statusCode(200)
                .body("findAll { it.configurationId == '" + id + "' }.action",
                        equalTo(List.of("EHR_WRITE_BACK_CHANGED", "APPROVED", "SMART_VALIDATED", "REGISTERED")))
                .body("find { it.configurationId == '" + id + "' }.details",
                        equalTo("ehrWriteBack: FHIR_AUDIT_EVENT -> EPIC_CONNECTION_STATUS"))
                .body("find { it.configurationId == '" + id + "' }.actorUsername",
                        equalTo(EntraDirectory.CONTOSO_ADMIN.userPrincipalName()));

        ConsumerRecord<String, String> published = publishedVersion(id, 4);
        assertTrue(published.value().contains("\"ehrWriteBack\":\"EPIC_CONNECTION_STATUS\""), published.value());
        ConfigurationSnapshot snapshot = snapshot(published);
        assertEquals(ConfigurationSnapshot.Status.APPROVED, snapshot.status());
        assertEquals(EhrWriteBack.EPIC_CONNECTION_STATUS, snapshot.ehrWriteBack());

        // The same choice again changes nothing: no new version, no history entry.
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body(Map.of("ehrWriteBack", "EPIC_CONNECTION_STATUS"))
                .patch("/api/v1/configurations/" + id).then().statusCode(200).body("version", equalTo(4));
        // And back to the default, still approved.
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body(Map.of("ehrWriteBack", "FHIR_AUDIT_EVENT"))
                .patch("/api/v1/configurations/" + id).then().statusCode(200)
                .body("ehrWriteBack", equalTo("FHIR_AUDIT_EVENT"))
                .body("status", equalTo("APPROVED"))
                .body("version", equalTo(5));
        assertEquals(EhrWriteBack.FHIR_AUDIT_EVENT, snapshot(publishedVersion(id, 5)).ehrWriteBack());
    }

    @Test
    void changedTogetherWithAnApprovedSettingTheConfigurationNeedsApprovalAgain() throws Throwable {
        String id = approved("with-other-edit");
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON)
                .body(Map.of("ehrWriteBack", "EPIC_CONNECTION_STATUS", "organizationName", "Contoso Health"))
                .patch("/api/v1/configurations/" + id).then().statusCode(200)
                .body("ehrWriteBack", equalTo("EPIC_CONNECTION_STATUS"))
                .body("status", equalTo("PENDING_APPROVAL"))
                .body("version", equalTo(4));
        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/history").then().statusCode(200)
                .body("find { it.configurationId == '" + id + "' }.action", equalTo("UPDATED"))
                .body("find { it.configurationId == '" + id + "' }.details",
                        containsString("ehrWriteBack: FHIR_AUDIT_EVENT -> EPIC_CONNECTION_STATUS"));
        ConfigurationSnapshot snapshot = snapshot(publishedVersion(id, 4));
        assertEquals(ConfigurationSnapshot.Status.PENDING_APPROVAL, snapshot.status());
        assertEquals(EhrWriteBack.EPIC_CONNECTION_STATUS, snapshot.ehrWriteBack());
    }

    @Test
    void anUnknownValueIsRefusedNamingTheFieldAndChangesNothing() throws Throwable {
        String id = approved("unknown-value");
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body(Map.of("ehrWriteBack", "HL7_ZVT"))
                .patch("/api/v1/configurations/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("ehrWriteBack"));
        as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON)
                .body(request(uniqueUrl("unknown-on-create"), "fhir_audit_event_please"))
                .post("/api/v1/configurations").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("ehrWriteBack"));
        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/configurations/" + id).then().statusCode(200)
                .body("ehrWriteBack", equalTo("FHIR_AUDIT_EVENT"))
                .body("status", equalTo("APPROVED"))
                .body("version", equalTo(3));
    }

    @Test
    void analystsMayReadButNotChangeIt() throws Throwable {
        String id = approved("analyst");
        as(EntraDirectory.CONTOSO_ANALYST).contentType(ContentType.JSON).body(Map.of("ehrWriteBack", "EPIC_CONNECTION_STATUS"))
                .patch("/api/v1/configurations/" + id).then().statusCode(403).contentType("application/problem+json");
        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/configurations/" + id).then().statusCode(200)
                .body("ehrWriteBack", equalTo("FHIR_AUDIT_EVENT"))
                .body("version", equalTo(3));
        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/history").then().statusCode(200)
                .body("findAll { it.configurationId == '" + id + "' }.action",
                        equalTo(List.of("APPROVED", "SMART_VALIDATED", "REGISTERED")));
    }

    @Test
    void anotherTenantCannotChangeIt() throws Throwable {
        String id = approved("isolation");
        for (EntraUser outsider : List.of(EntraDirectory.FABRIKAM_ADMIN, EntraDirectory.FABRIKAM_ADMIN_ANALYST)) {
            as(outsider).contentType(ContentType.JSON).body(Map.of("ehrWriteBack", "EPIC_CONNECTION_STATUS"))
                    .patch("/api/v1/configurations/" + id).then().statusCode(404).contentType("application/problem+json");
        }
        as(EntraDirectory.CONTOSO_ADMIN).get("/api/v1/configurations/" + id).then().statusCode(200)
                .body("ehrWriteBack", equalTo("FHIR_AUDIT_EVENT"))
                .body("version", equalTo(3));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private RequestSpecification as(EntraUser user) {
        return given().auth().oauth2(entra.issueUserAccessToken(user, CLIENT_ID, CLIENT_ID));
    }

    /** A Contoso configuration registered by the admin, validated and approved by the analyst: version 3. */
    private String approved(String name) throws Throwable {
        String id = as(EntraDirectory.CONTOSO_ADMIN).contentType(ContentType.JSON).body(request(uniqueUrl(name), null))
                .post("/api/v1/configurations").then().statusCode(201).extract().path("id");
        EntraUser analyst = EntraDirectory.CONTOSO_ANALYST;
        Caller caller = new Caller(analyst.tenant().id(), analyst.objectId(), analyst.userPrincipalName(), analyst.roles());
        String url = as(analyst).get("/api/v1/configurations/" + id).then().statusCode(200).extract().path("fhirBaseUrl");
        VertxContextSupport.subscribeAndAwait(() -> service.smartValidated(caller, id, url,
                ConfigurationSnapshot.Environment.TEST));
        as(analyst).post("/api/v1/configurations/" + id + "/approval").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("version", equalTo(3));
        return id;
    }

    private static Map<String, Object> request(String url, String ehrWriteBack) {
        Map<String, Object> request = new HashMap<>(Map.of("environment", "TEST", "fhirBaseUrl", url,
                "approverUsername", EntraDirectory.CONTOSO_ANALYST.userPrincipalName(),
                "organizationName", "Contoso Hospital", "timeZone", "America/Chicago"));
        if (ehrWriteBack != null) {
            request.put("ehrWriteBack", ehrWriteBack);
        }
        return request;
    }

    private String uniqueUrl(String name) {
        return ehr.baseUrl() + "/write-back-" + name + "-" + UUID.randomUUID().toString().substring(0, 8)
                + EhrStandIn.FHIR_PATH;
    }

    /** The record of the configuration's snapshot {@code version} on the configurations topic, as published. */
    private static ConsumerRecord<String, String> publishedVersion(String id, long version) {
        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            return kafka.awaitRecord(Topics.CONFIGURATIONS, r -> id.equals(r.key()) && snapshot(r).version() == version,
                    Duration.ofSeconds(30)).orElseThrow(() -> new AssertionError("version " + version + " of " + id
                    + " was not published"));
        }
    }

    private static ConfigurationSnapshot snapshot(ConsumerRecord<String, String> record) {
        return CloudEventCodec.fromJson(record.value(), EventType.CONFIGURATION_PUBLISHED, ConfigurationSnapshot.class).data();
    }
}
