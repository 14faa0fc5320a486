package io.ehrconnector.config.sms;

import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmsImpactTest {

    private static final SmsState.Number ACTIVE = new SmsState.Number("n1", "+18335550142", SmsPhoneNumber.Status.ACTIVE);
    private static final SmsState.Url SENDING = new SmsState.Url("c1", "n1", true, true, false, true,
            List.of(Duration.ofDays(1), Duration.ofMinutes(15)));
    private static final SmsState.Url QUIET = new SmsState.Url("c2", "n1", false, true, true, true, List.of());
    private static final SmsState BEFORE = new SmsState(true, Map.of("c1", SENDING, "c2", QUIET), Map.of("n1", ACTIVE));
    private static final Map<String, FhirConfiguration> CONFIGURATIONS = Map.of("c1", configuration("c1", "https://a/R4"),
            "c2", configuration("c2", "https://b/R4"));

    @Test
    void unlinkingStopsEverythingTheUrlSent() {
        List<StoppedSms> stops = SmsImpact.stops(BEFORE, BEFORE.withUrl(SENDING.withNumber(null)), CONFIGURATIONS);
        assertEquals(1, stops.size());
        StoppedSms stop = stops.getFirst();
        assertEquals("c1", stop.configurationId());
        assertEquals(List.of("SCHEDULED", "CANCELLED"), stop.confirmations());
        assertEquals(List.of("P1D", "PT15M"), stop.reminders());
        assertTrue(stop.allSmsStops());
        assertEquals("https://a/R4: all texts stop (the confirmations when a visit is scheduled and when a visit is cancelled;"
                + " the reminders 1 day and 15 minutes before a visit).", stop.summary());
    }

    @Test
    void removingOneReminderStopsOnlyThatReminder() {
        SmsState after = BEFORE.withUrl(new SmsState.Url("c1", "n1", true, true, false, true, List.of(Duration.ofDays(1))));
        StoppedSms stop = SmsImpact.stops(BEFORE, after, CONFIGURATIONS).getFirst();
        assertEquals(List.of(), stop.confirmations());
        assertEquals(List.of("PT15M"), stop.reminders());
        assertFalse(stop.allSmsStops());
    }

    @Test
    void consentsAndReleasingStopEveryUrlThatSends() {
        assertEquals(List.of("c1"), SmsImpact.stops(BEFORE, BEFORE.withConsents(false), CONFIGURATIONS).stream()
                .map(StoppedSms::configurationId).toList());
        SmsState released = BEFORE.withUrls(url -> url.withNumber(null))
                .withNumber(new SmsState.Number("n1", "+18335550142", SmsPhoneNumber.Status.RELEASING));
        assertEquals(List.of("c1"), SmsImpact.stops(BEFORE, released, CONFIGURATIONS).stream()
                .map(StoppedSms::configurationId).toList());
        assertEquals(List.of("c1", "c2"), BEFORE.changedSnapshots(released));
    }

    @Test
    void addingOrChangingWhatDoesNotSendStopsNothing() {
        SmsState more = BEFORE.withUrl(new SmsState.Url("c1", "n1", true, true, true, true,
                List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ofMinutes(15))));
        assertEquals(List.of(), SmsImpact.stops(BEFORE, more, CONFIGURATIONS));
        assertEquals(List.of(), SmsImpact.stops(BEFORE, BEFORE.withUrl(QUIET.withNumber(null)), CONFIGURATIONS));
        SmsState noConsents = BEFORE.withConsents(false);
        assertEquals(List.of(), SmsImpact.stops(noConsents, noConsents.withUrl(SENDING.withNumber(null)), CONFIGURATIONS));
    }

    @Test
    void snapshotsCarryTheSendingNumberOnlyWhenItIsActive() {
        assertEquals("+18335550142", BEFORE.snapshot("c1").sendingNumber());
        assertEquals(null, BEFORE.withNumber(new SmsState.Number("n1", "+18335550142", SmsPhoneNumber.Status.RELEASING))
                .snapshot("c1").sendingNumber());
        assertEquals(null, BEFORE.snapshot("c3"));
    }

    private static FhirConfiguration configuration(String id, String url) {
        FhirConfiguration c = new FhirConfiguration();
        c.id = id;
        c.fhirBaseUrl = url;
        c.environment = Environment.PRODUCTION;
        return c;
    }
}
