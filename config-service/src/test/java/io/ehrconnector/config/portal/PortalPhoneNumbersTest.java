package io.ehrconnector.config.portal;

import io.ehrconnector.testing.portal.PortalSession;
import io.ehrconnector.config.sms.ConsentKind;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.AcsResource;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.EntraHospital;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal's sending numbers over HTTP against the ACS stand-in: using a number Azure already owns (and refusing one it
 * does not), following a new number's job on the page until it is active, releasing it, and withdrawing a consent.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(AcsResource.class)
class PortalPhoneNumbersTest {

    private static final String AUTO_REFRESH = "http-equiv=\"refresh\"";

    @InjectStandIn
    EntraIdStandIn entra;

    @InjectStandIn
    AcsStandIn acs;

    @TestHTTPResource("/")
    URL url;

    private EntraUser admin;
    private PortalSession session;

    @BeforeEach
    void aHospitalWithBothConsents() {
        URI app = URI.create(url.toString());
        PortalSession.registerPortal(entra, app);
        admin = EntraHospital.create("Hospital").admin();
        entra.addUser(admin);
        entra.signInAutomaticallyAs(admin);
        session = new PortalSession(app);
        String page = session.open("/portal/sms").asString();
        for (ConsentKind kind : ConsentKind.values()) {
            page = session.submit("/portal/sms/consents/" + kind.slug(), page,
                    Map.of("agree", "true", "textVersion", kind.textVersion())).asString();
        }
        assertFalse(page.contains("id=\"sms-gate\""), page);
    }

    @AfterEach
    void reset() {
        entra.signInAutomaticallyAs(null);
        acs.operationPollsBeforeDone(1);
    }

    @Test
    void aNumberAzureDoesNotOwnIsRefusedAndOneItOwnsIsAddedActive() {
        String page = session.open("/portal/sms").asString();
        assertTrue(page.contains("id=\"import-number\""), page);

        String refused = session.submit("/portal/sms/phone-numbers/import", page, Map.of("phoneNumber", "+18445550000")).asString();
        assertTrue(refused.contains("does not own this number"), refused);
        String garbage = session.submit("/portal/sms/phone-numbers/import", page, Map.of("phoneNumber", "call me")).asString();
        assertTrue(garbage.contains("id=\"message\""), garbage);
        assertEquals(0L, numbers(), "nothing registered");

        String owned = "+1844555" + String.format("%04d", (int) (Math.random() * 9000) + 1000);
        acs.ownPhoneNumber(owned, "tollFree");
        String added = session.submit("/portal/sms/phone-numbers/import", page, Map.of("phoneNumber", owned)).asString();
        assertTrue(added.contains("Number " + owned + " added"), added);
        assertTrue(added.contains("<td>" + owned + "</td><td>TOLL_FREE</td><td>ACTIVE</td>"), added);
        assertEquals(1L, numbers());
    }

    @Test
    void theSmsPageFollowsANewNumbersJobUntilItIsActiveThenItCanBeReleased() {
        acs.operationPollsBeforeDone(6);
        String page = session.open("/portal/sms").asString();
        String started = session.submit("/portal/sms/phone-numbers", page, Map.of("type", "TOLL_FREE", "areaCode", "")).asString();
        assertTrue(started.contains("this page follows its job"), started);
        assertTrue(started.contains(AUTO_REFRESH), "the page refreshes itself while the job runs");

        AtomicReference<String> finished = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String now = session.open("/portal/sms").asString();
            finished.set(now);
            return now.contains("<td>ACTIVE</td>");
        });
        assertFalse(finished.get().contains(AUTO_REFRESH), "no more refreshing once the job is done");
        String numberId = (String) ServiceDatabase.value("select id from sms_phone_number where tenant_id = ?", admin.tenant().id());

        String released = session.submit("/portal/sms/phone-numbers/" + numberId + "/release", finished.get(), Map.of()).asString();
        assertFalse(released.contains("id=\"stop-warning\""), "a number that serves no URL goes without a warning");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "RELEASED".equals(ServiceDatabase.value("select status from sms_phone_number where id = ?", numberId)));
        assertFalse(session.open("/portal/sms").asString().contains("id=\"number-" + numberId + "\""), "released numbers leave the list");
    }

    @Test
    void withdrawingAConsentClosesSmsAgain() {
        String page = session.open("/portal/sms").asString();
        String withdrawn = session.submit("/portal/sms/consents/" + ConsentKind.ACS.slug() + "/withdrawal", page, Map.of())
                .asString();
        assertTrue(withdrawn.contains("Consent withdrawn."), withdrawn);
        assertTrue(withdrawn.contains("id=\"sms-gate\""), withdrawn);
        assertFalse(withdrawn.contains("id=\"new-number\""), "no new numbers without both consents");
    }

    private long numbers() {
        return ((Number) ServiceDatabase.value("select count(*) from sms_phone_number where tenant_id = ?",
                admin.tenant().id())).longValue();
    }
}
