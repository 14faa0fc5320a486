package io.ehrconnector.launch.devicetest;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.EventType;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.browser.HeadlessChromium;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.ehrconnector.launch.devicetest.DeviceTestFixtures.approvedConfiguration;
import static io.ehrconnector.launch.devicetest.DeviceTestFixtures.awaitEvent;
import static io.ehrconnector.launch.devicetest.DeviceTestFixtures.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device test in a real browser: headless Chromium with its fake camera (a test pattern) and fake microphone (a beep),
 * permission prompts answered "allow". The person works the page by its buttons' names, as a screen reader user would;
 * the report arrives on Kafka. Screenshots go to {@code target/screenshots/device-test}.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class DeviceTestBrowserTest {

    /** The fake microphone beeps about once a second; listening may take a moment to catch one. */
    private static final LocatorAssertions.HasAttributeOptions MICROPHONE =
            new LocatorAssertions.HasAttributeOptions().setTimeout(20_000);

    private static HeadlessChromium chromium;

    @TestHTTPResource("/")
    URL url;

    private final KafkaTestClient kafka = KafkaTestClient.ofSharedBroker();
    /** Console errors, which include every Content-Security-Policy violation. */
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startChromium() {
        chromium = HeadlessChromium.startOrSkip(Path.of("target", "screenshots", "device-test"),
                HeadlessChromium.FAKE_MEDIA_DEVICES);
    }

    @AfterAll
    static void stopChromium() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void closeKafkaClient() {
        kafka.close();
    }

    @Test
    void everyCheckPassesOnAWorkingDeviceAndTheClinicGetsTheOutcome() {
        String id = approvedConfiguration(kafka, Environment.TEST);
        Page person = watchedPerson();
        person.navigate(address(id) + "?appointment=CSN-8080");
        assertThat(person.locator("#browser")).hasAttribute("data-result", "SUPPORTED");
        assertThat(person.locator("#browser")).containsText("Your browser can join the video visit (Chrome ");

        button(person, "Test my camera").click();
        assertThat(person.locator("#camera")).hasAttribute("data-result", "PASSED");
        assertTrue((Boolean) person.evaluate("() => { const video = document.getElementById('camera-preview');"
                + " return video.videoWidth > 0 && !video.paused; }"), "the preview plays the camera's picture");

        button(person, "Test my microphone").click();
        assertThat(person.locator("#microphone")).hasAttribute("data-result", "PASSED", MICROPHONE);
        double level = Double.parseDouble(String.valueOf(person.getByLabel("Sound level").evaluate("meter => meter.value")));
        assertTrue(level > 0, "the meter rose to " + level);
        chromium.screenshot(person, "01-camera-and-microphone-passed");

        button(person, "Play a test sound").click();
        button(person, "I heard it").click();
        assertThat(person.locator("#speaker")).hasAttribute("data-result", "PASSED");
        assertThat(person.locator("#summary")).containsText("Everything works");
        assertThat(person.locator("#report")).hasAttribute("data-state", "SENT");
        chromium.screenshot(person, "02-all-passed-and-sent");

        JsonNode outcome = data(awaitEvent(kafka, EventType.DEVICE_TEST_REPORTED, id));
        assertEquals("CSN-8080", outcome.path("appointmentId").asText());
        assertEquals("PASSED", outcome.path("camera").asText());
        assertEquals("PASSED", outcome.path("microphone").asText());
        assertEquals("PASSED", outcome.path("speaker").asText());
        assertEquals("SUPPORTED", outcome.path("browser").asText());
        assertEquals(List.of(), consoleErrors);
    }

    @Test
    void aCameraTheBrowserMayNotUseSaysHowToAllowItAndSkippedChecksAreReportedAsSuch() {
        String id = approvedConfiguration(kafka, Environment.TEST);
        Page person = watchedPerson();
        // As when the person (or a policy) blocked the camera for this site.
        person.addInitScript("navigator.mediaDevices.getUserMedia = () =>"
                + " Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));");
        person.navigate(address(id));

        // Keyboard only: focus each button and press Enter.
        button(person, "Test my camera").press("Enter");
        assertThat(person.locator("#camera")).hasAttribute("data-result", "PERMISSION_DENIED");
        assertThat(person.locator("#camera .outcomes")).containsText("set Camera to Allow");
        person.locator("#microphone").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Skip this check"))
                .press("Enter");
        person.locator("#speaker").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Skip this check"))
                .press("Enter");
        assertThat(person.locator("#summary")).containsText("Some checks did not pass");
        assertThat(person.locator("#report")).hasAttribute("data-state", "SENT");
        chromium.screenshot(person, "03-camera-blocked");

        ConsumerRecord<String, String> reported = awaitEvent(kafka, EventType.DEVICE_TEST_REPORTED, id);
        assertEquals(id, reported.key(), "no appointment in the link");
        JsonNode outcome = data(reported);
        assertEquals("PERMISSION_DENIED", outcome.path("camera").asText());
        assertEquals("NOT_TESTED", outcome.path("microphone").asText());
        assertEquals("NOT_TESTED", outcome.path("speaker").asText());
        assertEquals(List.of(), consoleErrors);
    }

    /** A new person at their own browser, whose console errors are collected. */
    private Page watchedPerson() {
        Page person = chromium.newPerson();
        person.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
        return person;
    }

    private String address(String configurationId) {
        return url.toString() + "device-test/test/" + configurationId;
    }

    private static Locator button(Page person, String name) {
        return person.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }
}
