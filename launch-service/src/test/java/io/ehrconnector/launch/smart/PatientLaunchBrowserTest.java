package io.ehrconnector.launch.smart;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.testing.keys.TestKeyRings;
import io.ehrconnector.testing.ApprovedConfigurationFixture;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.browser.HeadlessChromium;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EhrUser;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.ehrconnector.testing.standins.RegisteredClient;
import io.ehrconnector.testing.standins.SmartLaunch;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A patient's SMART launch in a real browser (headless Chromium): MyChart opens the launch URL, the launch page posts the
 * authorization request to the EHR stand-in by itself, Epic redirects to the connector's callback, and the browser ends on
 * the visit's Teams join page. Nothing is followed by hand: cookies, the form post and every redirect are the browser's.
 *
 * <p>The connector is reached at its public URL ({@code ehr.connector.public-url}, the host Epic redirects to), as behind
 * the ingress: Playwright routes that host to the test server, so the launch's browser-binding cookie lives on the same
 * host the callback arrives at.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EhrResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(GraphResource.class)
class PatientLaunchBrowserTest {

    private static final String PATIENT_CLIENT = "00000000-0000-0000-0000-00000000a002";
    private static HeadlessChromium chromium;

    @InjectStandIn
    EhrStandIn ehr;

    @InjectStandIn
    GraphStandIn graph;

    @TestHTTPResource("/")
    URL testServer;

    @ConfigProperty(name = "ehr.connector.public-url")
    String publicUrl;

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startOrSkip(Path.of("target", "screenshots", "patient-launch"));
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void approvedConfigurationKeysAndLocalJoinPages() {
        ConnectorKeyRing ring = TestKeyRings.activeOnly(Environment.TEST, TestKeyRings.newKey());
        TestKeyRings.publish(kafka, ring);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(ring.version()).equals(ServiceDatabase
                .value("select version from connector_key_ring where environment = 'TEST'")));
        ehr.registerClient(RegisteredClient.of(PATIENT_CLIENT,
                ClientAuthentication.privateKeyJwt(TestKeyRings.publicKeys(ring)), publicUrl + "/launch/callback"));
        // config-service keeps FHIR base URLs unique: this approval of the stand-in's URL is the one in force.
        ServiceDatabase.execute("delete from known_configuration where fhir_base_url = ?", ehr.fhirBaseUrl());
        ApprovedConfigurationFixture.publish(kafka, new ConfigurationSnapshot(UUID.randomUUID().toString(),
                EntraDirectory.CONTOSO.id(), Environment.TEST, ehr.fhirBaseUrl(), ConfigurationSnapshot.Status.APPROVED,
                1, "Northwind Health", "America/Chicago", null, List.of(), OffsetDateTime.now(ZoneOffset.UTC)));
        graph.useLocalJoinPage(true);
    }

    @AfterEach
    void teamsJoinLinksAgainAndCloseKafkaClient() {
        graph.useLocalJoinPage(false);
        kafka.close();
    }

    @Test
    void aPatientLaunchedFromMyChartEndsOnTheVisitsJoinPageWithNoCodeOrTokenInTheUrl() {
        String launch = ehr.registerLaunch(SmartLaunch.forUser(new EhrUser("MYCHART-B1", "Patient/pat-b1"))
                .patient("pat-b1").param("sessionId", "CSN-B" + System.nanoTime()).build());
        Page patient = chromium.newPerson();
        patient.route(publicUrl + "/**", this::throughTheIngress);

        patient.navigate(publicUrl + "/launch/test/patient?iss=" + encoded(ehr.fhirBaseUrl()) + "&launch=" + encoded(launch));
        patient.waitForURL(Pattern.compile(Pattern.quote(graph.baseUrl() + "/l/meetup-join/") + ".*"));

        String joinUrl = patient.url();
        assertEquals(1, graph.meetings().stream().filter(m -> joinUrl.equals(m.get("joinWebUrl"))).count(),
                "the browser is at the join URL of the visit's meeting: " + joinUrl);
        for (String secret : List.of("code=", "state=", "token", "launch=", launch)) {
            assertFalse(joinUrl.contains(secret), joinUrl + " carries " + secret);
        }
        assertThat(patient.locator("body")).containsText("You have joined the meeting");
        chromium.screenshot(patient, "01-joined");
    }

    /** Sends a request for the public URL to the test server, unchanged otherwise, and gives the browser its answer. */
    private void throughTheIngress(Route route) {
        URI requested = URI.create(route.request().url());
        String local = URI.create(testServer.toString()).resolve(requested.getRawPath()
                + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery())).toString();
        APIResponse answer = route.fetch(new Route.FetchOptions().setUrl(local).setMaxRedirects(0));
        route.fulfill(new Route.FulfillOptions().setResponse(answer));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
