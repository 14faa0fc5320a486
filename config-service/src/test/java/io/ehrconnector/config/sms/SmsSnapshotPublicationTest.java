package io.ehrconnector.config.sms;

import io.ehrconnector.config.sms.SmsFixture.Hospital;
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
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SMS changes reach the configurations topic: after each change the URL's next snapshot carries the new SMS settings, with
 * a higher version and its approval status untouched. Needs ConfigurationService to implement {@link ConfigurationPublisher}
 * and ConfigurationSnapshots to carry {@link SmsSettingsService#snapshotSettings}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(AcsResource.class)
class SmsSnapshotPublicationTest {

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    EhrStandIn ehr;

    @InjectStandIn
    AcsStandIn acs;

    @Test
    void everySmsChangePublishesTheUrlsNewSnapshot() {
        SmsFixture fx = new SmsFixture(entra, ehr, acs);
        Hospital h = SmsFixture.newHospital();
        fx.giveConsents(h);
        String url = fx.registerUrl(h, "publish");
        String numberId = fx.importNumber(h);
        String e164 = fx.as(h.admin()).get("/api/v1/sms/phone-numbers/" + numberId).then().extract().path("phoneNumber");
        ConfigurationSnapshot registered = awaitSnapshot(url, s -> s.version() == 1);
        assertEquals(null, registered.sms());

        fx.sending(h, url, numberId, List.of("P1D", "PT15M"));
        ConfigurationSnapshot sending = awaitSnapshot(url, s -> s.sms() != null && s.sms().enabled()
                && s.sms().reminderOffsets().size() == 2);
        assertEquals(new ConfigurationSnapshot.SmsSettings(true, true, e164, true, true, true,
                List.of(Duration.ofDays(1), Duration.ofMinutes(15))), sending.sms());
        assertEquals(ConfigurationSnapshot.Status.PENDING_APPROVAL, sending.status(), "approval untouched");
        assertTrue(sending.version() >= 3, "link and settings each publish a version: " + sending.version());

        fx.as(h.admin()).queryParam("confirm", true).delete("/api/v1/sms/configurations/" + url + "/phone-number")
                .then().statusCode(200);
        ConfigurationSnapshot unlinked = awaitSnapshot(url, s -> s.version() > sending.version());
        assertEquals(new ConfigurationSnapshot.SmsSettings(true, true, null, true, true, true,
                List.of(Duration.ofDays(1), Duration.ofMinutes(15))), unlinked.sms());

        fx.as(h.admin()).queryParam("confirm", true).delete("/api/v1/sms/consents/acs").then().statusCode(200);
        ConfigurationSnapshot withdrawn = awaitSnapshot(url, s -> s.version() > unlinked.version());
        assertEquals(false, withdrawn.sms().consentsGiven());

        fx.as(h.admin()).get("/api/v1/history").then().statusCode(200)
                .body("findAll { it.configurationId == '" + url + "' }.details",
                        org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("sms number " + e164
                                + " unlinked")));
    }

    /** The first snapshot of the configuration on the topic that matches. */
    private static ConfigurationSnapshot awaitSnapshot(String configurationId, Predicate<ConfigurationSnapshot> matching) {
        try (KafkaTestClient kafka = KafkaTestClient.ofSharedBroker()) {
            ConsumerRecord<String, String> record = kafka.awaitRecord(Topics.CONFIGURATIONS,
                    r -> Objects.equals(configurationId, r.key()) && matching.test(snapshot(r)), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no matching snapshot of " + configurationId + " on "
                            + Topics.CONFIGURATIONS + "; seen: " + kafka.readAll(Topics.CONFIGURATIONS).stream()
                            .filter(r -> configurationId.equals(r.key())).map(r -> snapshot(r).toString()).toList()));
            return snapshot(record);
        }
    }

    private static ConfigurationSnapshot snapshot(ConsumerRecord<String, String> record) {
        return CloudEventCodec.fromJson(record.value(), EventType.CONFIGURATION_PUBLISHED, ConfigurationSnapshot.class).data();
    }
}
