package io.ehrconnector.launch.quality;

import com.nimbusds.jwt.SignedJWT;
import io.ehrconnector.launch.presence.PresenceTestProfile;
import io.ehrconnector.support.ehr.OAuthValues;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraTenant;
import io.ehrconnector.testing.standins.GraphLifecycleNotification;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.ehrconnector.testing.standins.StandInRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.ehrconnector.launch.presence.PresenceFixtures.await;
import static io.ehrconnector.launch.quality.CallQualityFixtures.awaitTenantSubscription;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tenants' subscriptions to their call records, with the real Graph SDK against the Graph stand-in: one per tenant with
 * an organizer, kept through Graph's lifecycle notifications, renewed before it expires, made again when Graph lost it.
 */
@QuarkusTest
@TestProfile(PresenceTestProfile.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class CallRecordSubscriptionKeeperTest {

    private static final Duration LONGEST = Duration.ofMinutes(4230);

    @Inject
    CallRecordSubscriptionKeeper keeper;

    @InjectStandIn
    GraphStandIn graph;

    @BeforeEach
    void keeperRan() {
        await(keeper::runOnce);
    }

    @Test
    void eachOrganizerTenantHasOneSubscriptionToItsCallRecordsWithBothWebhooks() throws Exception {
        assertEquals(List.of(EntraDirectory.CONTOSO.id().toLowerCase(Locale.ROOT), EntraDirectory.FABRIKAM.id()
                        .toLowerCase(Locale.ROOT)).stream().sorted().toList(),
                ServiceDatabase.query("select tenant_id from call_record_subscription order by tenant_id").stream()
                        .map(row -> row.get("tenant_id")).toList(), "one row per tenant with an organizer");
        for (EntraTenant tenant : List.of(EntraDirectory.CONTOSO, EntraDirectory.FABRIKAM)) {
            Map<String, Object> subscription = awaitTenantSubscription(graph, tenant, null);
            assertEquals("communications/callRecords", subscription.get("resource"));
            assertEquals("updated", subscription.get("changeType"), "revisions of a record are announced too");
            assertEquals(PresenceTestProfile.BASE_URL + "/graph/call-records/notifications",
                    subscription.get("notificationUrl"));
            assertEquals(PresenceTestProfile.BASE_URL + "/graph/call-records/lifecycle",
                    subscription.get("lifecycleNotificationUrl"));
            assertCloseToLongest(OffsetDateTime.parse((String) subscription.get("expirationDateTime")).toInstant());

            String clientState = (String) subscription.get("clientState");
            assertTrue(clientState.length() >= 43, "at least 256 random bits");
            Map<String, Object> row = ServiceDatabase.query("select * from call_record_subscription where tenant_id = ?",
                    tenant.id().toLowerCase(Locale.ROOT)).getFirst();
            assertEquals(OAuthValues.sha256Hex(clientState), row.get("client_state_hash"), "kept only as its hash");
            assertFalse(row.containsValue(clientState));

            StandInRequest created = graph.requests().stream().filter(request -> request.method().equals("POST")
                            && request.rawPath().equals("/v1.0/subscriptions")
                            && request.json().path("clientState").asText().equals(clientState))
                    .findFirst().orElseThrow();
            assertEquals(tenant.id(), SignedJWT.parse(created.bearerToken().orElseThrow()).getJWTClaimsSet()
                    .getStringClaim("tid"), "the hospital tenant's own token");
        }
    }

    @Test
    void aSubscriptionGraphRemovedIsMadeAgainAfterGraphsHandshakeWithBothWebhooks() {
        Map<String, Object> removed = awaitTenantSubscription(graph, EntraDirectory.CONTOSO, null);
        graph.validateNotificationUrls(true);
        try {
            assertEquals(202, graph.notifyLifecycle((String) removed.get("id"),
                    GraphLifecycleNotification.SUBSCRIPTION_REMOVED));
            Map<String, Object> again = awaitTenantSubscription(graph, EntraDirectory.CONTOSO, (String) removed.get("id"));
            assertNotEquals(removed.get("id"), again.get("id"));
        } finally {
            graph.validateNotificationUrls(false);
        }
    }

    @Test
    void aSubscriptionCloseToExpiryIsRenewedForAsLongAsGraphAllows() {
        Map<String, Object> subscription = awaitTenantSubscription(graph, EntraDirectory.FABRIKAM, null);
        ServiceDatabase.execute("update call_record_subscription set expires_at = now() + interval '30 minutes',"
                + " next_attempt_at = now() where tenant_id = ?", tenantRow(EntraDirectory.FABRIKAM));

        await(keeper::runOnce);

        StandInRequest renewal = graph.requests().stream().filter(request -> request.method().equals("PATCH")
                && request.rawPath().equals("/v1.0/subscriptions/" + subscription.get("id"))).findFirst().orElseThrow();
        assertCloseToLongest(OffsetDateTime.parse(renewal.json().path("expirationDateTime").asText()).toInstant());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ((Timestamp) ServiceDatabase.value(
                "select expires_at from call_record_subscription where tenant_id = ?", tenantRow(EntraDirectory.FABRIKAM)))
                .toInstant().isAfter(Instant.now().plus(Duration.ofHours(70))));
    }

    @Test
    void reauthorizationRequiredIsAnsweredWithAReauthorization() {
        Map<String, Object> subscription = awaitTenantSubscription(graph, EntraDirectory.CONTOSO, null);

        assertEquals(202, graph.notifyLifecycle((String) subscription.get("id"),
                GraphLifecycleNotification.REAUTHORIZATION_REQUIRED));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> graph.requests().stream().anyMatch(request ->
                request.method().equals("POST")
                        && request.rawPath().equals("/v1.0/subscriptions/" + subscription.get("id") + "/reauthorize")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.FALSE.equals(ServiceDatabase.value(
                "select reauthorize_requested from call_record_subscription where tenant_id = ?",
                tenantRow(EntraDirectory.CONTOSO))));
    }

    @Test
    void aSubscriptionGraphNoLongerKnowsIsMadeAgainWhenItsRenewalFindsItGone() {
        awaitTenantSubscription(graph, EntraDirectory.CONTOSO, null);
        String lost = UUID.randomUUID().toString();
        ServiceDatabase.execute("update call_record_subscription set subscription_id = ?, expires_at = now()"
                + " + interval '1 hour', next_attempt_at = now() where tenant_id = ?", lost, tenantRow(EntraDirectory.CONTOSO));

        await(keeper::runOnce);
        await(keeper::runOnce);

        assertNotEquals(lost, awaitTenantSubscription(graph, EntraDirectory.CONTOSO, lost).get("id"));
    }

    private static String tenantRow(EntraTenant tenant) {
        return tenant.id().toLowerCase(Locale.ROOT);
    }

    private static void assertCloseToLongest(Instant expiry) {
        assertTrue(Duration.between(Instant.now().plus(LONGEST), expiry).abs().compareTo(Duration.ofMinutes(2)) < 0,
                expiry.toString());
    }
}
