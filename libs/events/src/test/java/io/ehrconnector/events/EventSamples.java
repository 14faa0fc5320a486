package io.ehrconnector.events;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.ehrconnector.events.CloudEvent.serviceSource;

/**
 * Realistic events of every type, as the services will publish them: one per {@link EventType} (the switch is exhaustive, so a
 * new type without a sample does not compile) plus variants that exercise the optional fields and the rules between fields.
 */
final class EventSamples {

    static final String CONFIGURATION_ID = "5f0c2b8e-8d1a-4c7e-9b52-3e1f7a6d9c04";
    static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    /** An Epic contact serial number (CSN). */
    static final String APPOINTMENT_ID = "1000187342";
    static final String MEETING_ID = "MSo3MmY5ODhiZi04NmYxLTQxYWYtOTFhYi0yZDdjZDAxMWRiNDcqMCoqMTk6bWVldGluZ19OR0V6";
    static final String PROVIDER_USER_ID = "E4F7H2K9";
    static final OffsetDateTime VISIT_START = OffsetDateTime.parse("2026-03-02T09:30:00-06:00");

    private static final URI CONFIG_SERVICE = serviceSource("config-service");
    private static final URI HL7_INGEST = serviceSource("hl7-ingest-service");
    private static final URI LAUNCH_SERVICE = serviceSource("launch-service");
    private static final URI SMS_SERVICE = serviceSource("sms-service");

    /** A sample event with a name for test reports. */
    record Sample(String name, CloudEvent<?> event) {
        EventType type() {
            return EventType.fromType(event.type()).orElseThrow();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private EventSamples() {
    }

    /** The typical event of {@code type}. */
    static CloudEvent<?> of(EventType type) {
        return switch (type) {
            case CONFIGURATION_PUBLISHED -> event(type, CONFIG_SERVICE, CONFIGURATION_ID, configuration(smsSettings()));
            case APPOINTMENT_SCHEDULED, APPOINTMENT_RESCHEDULED, APPOINTMENT_UPDATED ->
                    event(type, HL7_INGEST, visitKey(), appointment(AppointmentEvent.Status.BOOKED));
            case APPOINTMENT_CANCELLED -> event(type, HL7_INGEST, visitKey(), appointment(AppointmentEvent.Status.CANCELLED));
            case APPOINTMENT_DELETED -> event(type, HL7_INGEST, visitKey(), appointment(AppointmentEvent.Status.DELETED));
            case APPOINTMENT_NO_SHOW -> event(type, HL7_INGEST, visitKey(), appointment(AppointmentEvent.Status.NO_SHOW));
            case VISIT_LAUNCHED -> event(type, LAUNCH_SERVICE, visitKey(), providerLaunch());
            case DEVICE_TEST_REPORTED -> event(type, LAUNCH_SERVICE, visitKey(), new DeviceTestReported(CONFIGURATION_ID,
                    APPOINTMENT_ID, DeviceTestReported.DeviceCheck.PASSED, DeviceTestReported.DeviceCheck.PERMISSION_DENIED,
                    DeviceTestReported.DeviceCheck.PASSED, DeviceTestReported.BrowserCheck.SUPPORTED,
                    VISIT_START.minusMinutes(20)));
            case PARTICIPANT_CONNECTED -> event(type, LAUNCH_SERVICE, visitKey(),
                    presence(ParticipantPresence.Role.PROVIDER, PROVIDER_USER_ID, VISIT_START.minusMinutes(2)));
            case PARTICIPANT_DISCONNECTED -> event(type, LAUNCH_SERVICE, visitKey(),
                    presence(ParticipantPresence.Role.PROVIDER, PROVIDER_USER_ID, VISIT_START.plusMinutes(24)));
            case CALL_QUALITY_REPORTED -> event(type, LAUNCH_SERVICE, visitKey(), callQuality());
            case SMS_DELIVERY_REPORTED -> event(type, SMS_SERVICE, visitKey(), new SmsDelivery(CONFIGURATION_ID,
                    APPOINTMENT_ID, SmsDelivery.MessageType.CONFIRMATION_SCHEDULED, null, SmsDelivery.Outcome.DELIVERED, null,
                    "8f3c9a51-6b2d-4e0f-a7c4-1d9e2b5f8a60", VISIT_START.minusDays(6).plusSeconds(4)));
            case CONNECTOR_KEYS_PUBLISHED -> event(type, CONFIG_SERVICE, ConfigurationSnapshot.Environment.PRODUCTION.name(),
                    keyRing(1770825912481000L, OffsetDateTime.parse("2026-02-11T16:05:12.481Z"),
                            ringKey(0, ConnectorKeyRing.Key.Status.ACTIVE), ringKey(1, ConnectorKeyRing.Key.Status.PREVIOUS)));
        };
    }

    /** One sample per type, then the variants. */
    static List<Sample> all() {
        List<Sample> samples = new ArrayList<>();
        for (EventType type : EventType.values()) {
            samples.add(new Sample(type.name(), of(type)));
        }
        samples.add(new Sample("configuration without SMS", event(EventType.CONFIGURATION_PUBLISHED, CONFIG_SERVICE,
                CONFIGURATION_ID, configuration(null))));
        samples.add(new Sample("appointment with only the required fields", event(EventType.APPOINTMENT_UPDATED, HL7_INGEST,
                visitKey(), new AppointmentEvent(CONFIGURATION_ID, APPOINTMENT_ID, VISIT_START, null,
                        AppointmentEvent.Status.PENDING, null, List.of(), List.of(), null, "100007901", null, null))));
        samples.add(new Sample("patient launch from MyChart", event(EventType.VISIT_LAUNCHED, LAUNCH_SERVICE, visitKey(),
                new VisitLaunched(CONFIGURATION_ID, APPOINTMENT_ID, "0b6f7e2c-3d4a-4f51-9e8b-7a2c1d0e5f36",
                        VisitLaunched.Channel.PATIENT, VisitLaunched.EhrClient.MYCHART, null, MEETING_ID,
                        VISIT_START.minusMinutes(4)))));
        samples.add(new Sample("device-test launch outside a visit", event(EventType.VISIT_LAUNCHED, LAUNCH_SERVICE,
                CONFIGURATION_ID, new VisitLaunched(CONFIGURATION_ID, null, "d2a8c4e6-1f3b-4c5d-8e7f-9a0b1c2d3e4f",
                        VisitLaunched.Channel.DEVICE_TEST, VisitLaunched.EhrClient.MYCHART, null, null,
                        VISIT_START.minusDays(1)))));
        samples.add(new Sample("device test outside a visit", event(EventType.DEVICE_TEST_REPORTED, LAUNCH_SERVICE,
                CONFIGURATION_ID, new DeviceTestReported(CONFIGURATION_ID, null, DeviceTestReported.DeviceCheck.NOT_FOUND,
                        DeviceTestReported.DeviceCheck.PASSED, DeviceTestReported.DeviceCheck.NOT_TESTED,
                        DeviceTestReported.BrowserCheck.UNSUPPORTED, VISIT_START.minusDays(1)))));
        samples.add(new Sample("patient connected", event(EventType.PARTICIPANT_CONNECTED, LAUNCH_SERVICE, visitKey(),
                presence(ParticipantPresence.Role.PATIENT, null, VISIT_START.minusMinutes(3)))));
        samples.add(new Sample("reminder sent", event(EventType.SMS_DELIVERY_REPORTED, SMS_SERVICE, visitKey(),
                new SmsDelivery(CONFIGURATION_ID, APPOINTMENT_ID, SmsDelivery.MessageType.REMINDER, Duration.ofHours(24),
                        SmsDelivery.Outcome.SENT, null, "5e1d7c3b-9a2f-4b8e-8c6d-0f4a2b7e9d13",
                        VISIT_START.minusHours(24)))));
        samples.add(new Sample("key ring during a rotation", event(EventType.CONNECTOR_KEYS_PUBLISHED, CONFIG_SERVICE,
                ConfigurationSnapshot.Environment.PRODUCTION.name(), keyRing(1772352000000000L,
                        OffsetDateTime.parse("2026-03-01T08:00:00Z"), ringKey(0, ConnectorKeyRing.Key.Status.ACTIVE),
                        ringKey(2, ConnectorKeyRing.Key.Status.NEXT), ringKey(1, ConnectorKeyRing.Key.Status.PREVIOUS)))));
        samples.add(new Sample("reminder not sent, opted out", event(EventType.SMS_DELIVERY_REPORTED, SMS_SERVICE, visitKey(),
                new SmsDelivery(CONFIGURATION_ID, APPOINTMENT_ID, SmsDelivery.MessageType.REMINDER, Duration.ofMinutes(15),
                        SmsDelivery.Outcome.NOT_SENT, SmsDelivery.Reason.OPTED_OUT, null, VISIT_START.minusMinutes(15)))));
        return samples;
    }

    static CallQualityReported callQuality() {
        return new CallQualityReported(CONFIGURATION_ID, APPOINTMENT_ID, MEETING_ID, "e523d2ed-2966-4b6b-925b-754a88034cc5", 2,
                VISIT_START.minusMinutes(3), VISIT_START.plusMinutes(24), List.of(
                new CallQualityReported.ParticipantQuality(List.of("k3v9PZq1n0Ww2yJb7cXh4A"), ParticipantPresence.Role.PROVIDER,
                        new CallQualityReported.MediaQuality(2, 4.0, 19.0, 0.002, 0.031, 38.0, 112.0, null),
                        new CallQualityReported.MediaQuality(2, 6.0, 24.0, 0.004, 0.02, 40.0, 118.0, 29.7), null),
                new CallQualityReported.ParticipantQuality(List.of("Tq8mW1xR5bYc0nLp3zVd6g", "Hj2kL7nQ0pRs4tUv9wXy1z"),
                        ParticipantPresence.Role.PATIENT,
                        new CallQualityReported.MediaQuality(4, 41.5, 96.0, 0.124, 0.35, 310.0, 640.0, null),
                        new CallQualityReported.MediaQuality(4, 38.0, 90.0, 0.09, 0.28, 305.0, 655.0, 6.2), null)));
    }

    static AppointmentEvent appointment(AppointmentEvent.Status status) {
        return new AppointmentEvent(CONFIGURATION_ID, APPOINTMENT_ID, VISIT_START, VISIT_START.plusMinutes(30), status,
                "10501101", List.of("E1011", "E2046"),
                List.of(new EncryptedPhone(EncryptedPhone.Use.MOBILE,
                                "q3Jx0v8mTz1c-Y4bN_Lp2wR7sKd9eHfA6uGiVoZt5EyW1nQ", "phone-key-2026-01"),
                        new EncryptedPhone(EncryptedPhone.Use.HOME,
                                "Zk8pW2rT5yQ1uE7iO3aS9dF4gH6jK0lX_cV-bN2mM8qR", "phone-key-2026-01")),
                "es-US", "100007834", "EPIC", "EPICADT");
    }

    static VisitLaunched providerLaunch() {
        return new VisitLaunched(CONFIGURATION_ID, APPOINTMENT_ID, "7c1e4b2a-9f3d-4e6a-b8c0-2d5f7a9e1b34",
                VisitLaunched.Channel.PROVIDER, VisitLaunched.EhrClient.HYPERSPACE, PROVIDER_USER_ID, MEETING_ID,
                VISIT_START.minusMinutes(2));
    }

    static ConfigurationSnapshot configuration(ConfigurationSnapshot.SmsSettings sms) {
        return new ConfigurationSnapshot(CONFIGURATION_ID, TENANT_ID, ConfigurationSnapshot.Environment.PRODUCTION,
                "https://fhir.example-health.org/interconnect-fhir-oauth/api/FHIR/R4",
                ConfigurationSnapshot.Status.APPROVED, 7, "Example Health", "America/Chicago", sms, List.of(ehrCertificate()),
                OffsetDateTime.parse("2026-02-11T16:05:12.481Z"));
    }

    /** A real (self-signed, EC P-256) certificate, as docs/events.md shows it. */
    static ConfigurationSnapshot.EhrCertificate ehrCertificate() {
        return new ConfigurationSnapshot.EhrCertificate(ConfigurationSnapshot.EhrCertificate.Role.CURRENT,
                "AA:78:9C:C4:FE:81:07:0B:87:F1:40:21:1D:DA:FC:42:2C:5B:AC:8C:DF:10:DD:FB:D1:50:16:E9:2B:9E:79:EE",
                "-----BEGIN CERTIFICATE-----\n"
                        + "MIIBoDCCAUegAwIBAgICA+kwCgYIKoZIzj0EAwIwLzEtMCsGA1UEAwwkZXBpYy1p\n"
                        + "bnRlcmNvbm5lY3QuZXhhbXBsZS1oZWFsdGgub3JnMB4XDTI2MTEyMjAzMTMxNFoX\n"
                        + "DTI4MTEyMTAzMTMxNFowLzEtMCsGA1UEAwwkZXBpYy1pbnRlcmNvbm5lY3QuZXhh\n"
                        + "bXBsZS1oZWFsdGgub3JnMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE6MZWHfNh\n"
                        + "bCIwlsajNaGsGeoclL9FZSPMzCj0Ae6tqi5VNmfrn+M5Dv0t6WLqSlzAFhQOsDsO\n"
                        + "eTbdUGCvVT2VHaNTMFEwHQYDVR0OBBYEFGHwSTFUrGFAyjp7cSio5SeUSOgNMB8G\n"
                        + "A1UdIwQYMBaAFGHwSTFUrGFAyjp7cSio5SeUSOgNMA8GA1UdEwEB/wQFMAMBAf8w\n"
                        + "CgYIKoZIzj0EAwIDRwAwRAIgMpcSRQZa+WW0ojTJa15ZdAhfqdZcZkRMdYZ8nTGh\n"
                        + "16kCICmlB/RGddBtd401HfTrOIiRqQQcSk3U3wfZYMi+XCAF\n"
                        + "-----END CERTIFICATE-----\n",
                OffsetDateTime.parse("2026-11-22T03:13:14Z"), OffsetDateTime.parse("2028-11-21T03:13:14Z"));
    }

    static ConfigurationSnapshot.SmsSettings smsSettings() {
        return new ConfigurationSnapshot.SmsSettings(true, true, "+18335550142", true, true, true,
                List.of(Duration.ofHours(24), Duration.ofMinutes(15)));
    }

    static ConnectorKeyRing keyRing(long version, OffsetDateTime updatedAt, ConnectorKeyRing.Key... keys) {
        return new ConnectorKeyRing(ConfigurationSnapshot.Environment.PRODUCTION, version, List.of(keys), updatedAt);
    }

    /**
     * Real public ES384 keys (P-384, kid = RFC 7638 thumbprint) with their private keys sealed under a master key that was
     * thrown away: the sealed bytes have the real shape and open for nobody.
     */
    static ConnectorKeyRing.Key ringKey(int index, ConnectorKeyRing.Key.Status status) {
        String[][] keys = {
                {"UVVQUbqO6d0qaK_ISocuGfAh2KtHlL3jZW_i5ZeAOek",
                        "oZbTbbF6u1YbpmCfujJrvikZb6hedQXHF9CXZGsgDHKzl_C91cRaHKJjLed7IlNE",
                        "e8vpXjE0S7f-hdObBmPw0O7m3CvNytIh80NOyUViR-Ms3pda01h1FShF8D6grbtN",
                        "FtPCdCpR2SRA1tpKEipUdPjg9dhRxz37W2PqmwGqBXqgL3JN0blEqOYGAHUurbAhsHrk7ghqR/Xne4g5315ZK8bJ11Vz3adhSjXB6q"
                                + "HFSjPETvxcHcFLuDs+HsnxfBOqxZz1btYqVKbrgl4UOBbQfc0xUQcVX4tVp8V9hmEjuoez7ihbL/FPSVmurXtptez2zu2/w"
                                + "I/+v3YL6tAEyGXVSm8SjZmz7KHNCVSN2D2wGhg98lE16FDa4NkWOGFxbqhcUrbA7zCHRZxaOUWYI1btvZ4N8zKK"},
                {"d-hoJhPNx6iY27KYa1cGm1ryh1sDLD4djMYF_Mulm2Q",
                        "eLMGsqkq1xpa3sdOlG1JedIizEWN_vdKiSbZrMOAS0XUpUOjcZqWBCSNANfj-RQ6",
                        "BkD0fPf60irIDAXFGqktEgi0_yyd1dw7LRJyZ0qS8ukePuB_m4zxiKVeKLERmNpU",
                        "Eng0gev4DUlRsVWECeeUnJCkiP8nW2GvRvOnXSBhYKfh5lUEW361pYyj/UTJKp/UFUb4UroVk1u5g6sm1fARIYJhI948fm7yLd"
                                + "eqJk74yLBL1/jojRqaq9l+wncEftVm/Yfi/hyPcQH1iDb+LcBvK+Hxezp4GYZ5hPGqtqK8dL1/EiUBdGH1MMK7dtQUY46X42b"
                                + "GHL139RwRU6SHfp94geco8ieC57qK7tK8dXV75EdFzF/k5UioTsb96QJD/4XT5eTIeaZk9hUxF9Vd8oHUSJG3D67w"},
                {"3ckSGNdEB__nskzrIrYEi2xiAa_RTICQ85Fw0Pk4a6M",
                        "Oyj2pYE1zCYupHspgEduYajgI8lxV36BPxeqCTbZUoiK_g1Atr4MVqGZCgd2iwnq",
                        "Y8V8IzZbF61qd41FcmVkhgS_ahTIFhmd0bFkDdhVJVZiGsPpzY3j7fbzZ2XFnqpr",
                        "a21Z8eV/XtOZCa8mfEBXBmyp+x+EDTgL+MZTNAC7hbZm6YvTleUpy7QFltoQLoiPW9YGFHHQ7h++yuFLfv4p+ofacKPqor/GUD"
                                + "gIUBDrrCmLs7hnvQTk35TVTCJ5UZY97sCEG87JzJDKLLGXbhTYH8+cAax6ggcXYBkkVA7AmGPtXs0ql05IvP3QEOiWtMk0Zdx"
                                + "4nxBxX7B7ZpxbaJsYmUJffCt7Wc/k9SMpz0rJxgT/nuJ/eCAQqLlubT81cZyXXK2AWgZrgfbQ1IovyVjxaFedsKUX"}};
        String[] key = keys[index];
        String publicJwk = "{\"kty\":\"EC\",\"use\":\"sig\",\"crv\":\"P-384\",\"kid\":\"" + key[0] + "\",\"x\":\"" + key[1]
                + "\",\"y\":\"" + key[2] + "\",\"alg\":\"ES384\"}";
        return new ConnectorKeyRing.Key(key[0], "ES384", status, publicJwk, key[3]);
    }

    private static ParticipantPresence presence(ParticipantPresence.Role role, String ehrUserId, OffsetDateTime at) {
        return new ParticipantPresence(CONFIGURATION_ID, APPOINTMENT_ID, MEETING_ID,
                "8:orgid:" + (role == ParticipantPresence.Role.PROVIDER ? "3c9e" : "a71b") + "-participant", role, ehrUserId,
                at);
    }

    private static String visitKey() {
        return Topics.visitKey(CONFIGURATION_ID, APPOINTMENT_ID);
    }

    private static CloudEvent<?> event(EventType type, URI source, String subject, Object data) {
        return CloudEvent.of(type, source, subject, timeOf(data), data);
    }

    /** When the fact happened: the data's own time, or for an appointment when the SIU message arrived. */
    private static OffsetDateTime timeOf(Object data) {
        return switch (data) {
            case ConfigurationSnapshot configuration -> configuration.updatedAt();
            case VisitLaunched launch -> launch.launchedAt();
            case DeviceTestReported deviceTest -> deviceTest.reportedAt();
            case ParticipantPresence presence -> presence.occurredAt();
            case SmsDelivery sms -> sms.occurredAt();
            case CallQualityReported quality -> quality.callEndedAt();
            case ConnectorKeyRing ring -> ring.updatedAt();
            default -> VISIT_START.minusDays(6).withOffsetSameInstant(ZoneOffset.UTC);
        };
    }
}
