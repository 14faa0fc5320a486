package io.ehrconnector.launch.links;

import com.microsoft.playwright.Page;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.Topics;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.browser.HeadlessChromium;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A patient taps the SMS join link in a real browser (headless Chromium): the link's page posts back by itself and the
 * browser ends on the visit's Teams join page, one launch announced; Back from the meeting leaves the link instead of
 * entering the visit again; and without script, one tap on the page's button does the same.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class JoinLinkBrowserTest {

    private static HeadlessChromium chromium;

    @InjectStandIn
    GraphStandIn graph;

    @TestHTTPResource("/")
    URL testServer;

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();
    private String configurationId;
    private String csn;

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startOrSkip(Path.of("target", "screenshots", "sms-join-link"));
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void approvedConfigurationAndLocalJoinPages() {
        configurationId = UUID.randomUUID().toString();
        csn = "CSN" + System.nanoTime();
        ApprovedConfigurationFixture.publish(kafka, configurationId, EntraDirectory.CONTOSO.id(), Environment.TEST,
                ConfigurationSnapshot.Status.APPROVED, List.of());
        graph.useLocalJoinPage(true);
    }

    @AfterEach
    void teamsJoinLinksAgainAndCloseKafkaClient() {
        graph.useLocalJoinPage(false);
        kafka.close();
    }

    @Test
    void theLinkOpensTheMeetingByItselfAndBackLeavesIt() {
        Page patient = chromium.newPerson();
        String link = link();
        String before = testServer.toString().replaceAll("/$", "") + "/q/health/live";
        patient.navigate(before);

        patient.navigate(link);
        patient.waitForURL(joinPage());
        assertThat(patient.locator("body")).containsText("You have joined the meeting");
        chromium.screenshot(patient, "01-joined");

        patient.goBack();
        patient.waitForTimeout(1500);
        assertEquals(before, patient.url(), "Back from the meeting leaves the link, which would enter the visit again");
        assertEquals(1, launches(1), "one tap, one launch");
    }

    @Test
    void withoutScriptOneTapOnThePageOpensTheMeeting() {
        Page patient = chromium.newPersonWithoutScript();

        patient.navigate(link());
        assertEquals(0, launches(0), "the page alone opens nothing");
        patient.locator("button").click();
        patient.waitForURL(joinPage());
        assertEquals(1, launches(1));
    }

    private String link() {
        return testServer.toString().replaceAll("/$", "") + "/v/"
                + TestJoinLinks.mint(configurationId, csn, Instant.now().plus(Duration.ofHours(2)));
    }

    private Pattern joinPage() {
        return Pattern.compile(Pattern.quote(graph.baseUrl() + "/l/meetup-join/") + ".*");
    }

    /** The visit's SMS_LINK launches, once at least {@code atLeast} are published and none more came for two seconds. */
    private long launches(int atLeast) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(this::launchesNow, count -> count >= atLeast);
        long seen = launchesNow();
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        return Math.max(seen, launchesNow());
    }

    private long launchesNow() {
        return kafka.readAll(Topics.VISIT_LAUNCHES, Duration.ofSeconds(5)).stream()
                .filter(r -> r.value().contains("\"" + csn + "\"") && r.value().contains("\"SMS_LINK\"")).count();
    }
}
