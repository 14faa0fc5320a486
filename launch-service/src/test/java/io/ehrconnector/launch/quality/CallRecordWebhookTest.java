package io.ehrconnector.launch.quality;

import io.ehrconnector.launch.presence.PresenceTestProfile;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.GraphChangeNotification;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ehrconnector.launch.presence.PresenceFixtures.await;
import static io.ehrconnector.launch.quality.CallQualityFixtures.awaitTenantSubscription;
import static io.ehrconnector.launch.quality.CallQualityFixtures.fetchRows;
import static io.ehrconnector.launch.quality.CallQualityFixtures.recordRequests;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call record webhook, {@code /graph/call-records/notifications} and {@code /lifecycle}: Graph's handshake, the body
 * limits, and that only notifications of a tenant's own subscription, with its client state and tenant, are stored.
 */
@QuarkusTest
@TestProfile(PresenceTestProfile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class CallRecordWebhookTest {

    private static final URI NOTIFICATIONS = URI.create(PresenceTestProfile.BASE_URL + "/graph/call-records/notifications");

    @Inject
    CallRecordSubscriptionKeeper keeper;

    @Inject
    MeterRegistry metrics;

    @InjectStandIn
    GraphStandIn graph;

    private Map<String, Object> contoso;

    @BeforeEach
    void contosoSubscribedToItsCallRecords() {
        await(keeper::runOnce);
        contoso = awaitTenantSubscription(graph, EntraDirectory.CONTOSO, null);
    }

    @Test
    void theValidationHandshakeEchoesTheTokenAsPlainText() {
        String token = "Validation: Testing client application reachability for subscription Request-Id: "
                + UUID.randomUUID();
        for (String path : List.of("/graph/call-records/notifications", "/graph/call-records/lifecycle")) {
            Response answer = given().contentType("text/plain").queryParam("validationToken", token).post(path);
            assertEquals(200, answer.statusCode(), path);
            assertTrue(answer.contentType().startsWith("text/plain"), answer.contentType());
            assertEquals(token, answer.asString());
        }
    }

    @Test
    void aBodyTooLargeOrUnreadableIsRefused() {
        byte[] tooLarge = new byte[1024 * 1024 + 1];
        assertEquals(413, given().contentType("application/json").body(tooLarge)
                .post("/graph/call-records/notifications").statusCode());
        assertEquals(400, given().contentType("application/json").body("{\"value\": \"not a list\"}")
                .post("/graph/call-records/notifications").statusCode());
        assertEquals(400, given().contentType("application/json").body("not json")
                .post("/graph/call-records/lifecycle").statusCode());
    }

    @Test
    void notificationsWithAForgedClientStateAnotherTenantOrAnUnknownSubscriptionStoreNothing() {
        String callRecordId = UUID.randomUUID().toString();
        String subscriptionId = (String) contoso.get("id");
        double forgedBefore = count("client-state-mismatch");
        double otherTenantBefore = count("tenant-mismatch");
        double unknownBefore = count("unknown-subscription");

        assertEquals(202, push(subscriptionId, "forged-" + UUID.randomUUID(), EntraDirectory.CONTOSO.id(), callRecordId));
        assertEquals(202, push(subscriptionId, (String) contoso.get("clientState"), EntraDirectory.FABRIKAM.id(),
                callRecordId));
        assertEquals(202, push(UUID.randomUUID().toString(), (String) contoso.get("clientState") + "x",
                EntraDirectory.CONTOSO.id(), callRecordId));

        assertEquals(0L, fetchRows(callRecordId));
        assertEquals(forgedBefore + 1, count("client-state-mismatch"));
        assertEquals(otherTenantBefore + 1, count("tenant-mismatch"));
        assertEquals(unknownBefore + 1, count("unknown-subscription"));
        assertTrue(recordRequests(graph, callRecordId).isEmpty(), "nothing asked of Graph");

        assertEquals(202, push(subscriptionId, (String) contoso.get("clientState"), EntraDirectory.CONTOSO.id(),
                callRecordId));
        assertTrue(fetchRows(callRecordId) == 1L || !recordRequests(graph, callRecordId).isEmpty(),
                "Graph's own notification is taken");
    }

    private int push(String subscriptionId, String clientState, String tenantId, String callRecordId) {
        return graph.pushChangeNotification(NOTIFICATIONS, new GraphChangeNotification(subscriptionId, clientState,
                "updated", "communications/callRecords/" + callRecordId, Map.of("@odata.type", "#Microsoft.Graph.callrecord",
                "id", callRecordId), tenantId, null));
    }

    private double count(String outcome) {
        var counter = metrics.find(CallRecordIntake.METRIC).tag("kind", "change").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
