package io.ehrconnector.launch.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.support.problem.ProblemType;
import io.ehrconnector.testing.quarkus.GraphResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraHospital;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraTenant;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.ehrconnector.testing.standins.StandInRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link VisitMeetings} with the real Graph SDK and azure-identity against the stand-ins, and a real PostgreSQL. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(GraphResource.class)
class VisitMeetingsTest {

    @Inject
    VisitMeetings meetings;

    @Inject
    MeetingExternalIds externalIds;

    @Inject
    StoredVisitMeetings stored;

    @Inject
    VisitMeetingPurge purge;

    @InjectStandIn
    GraphStandIn graph;

    @InjectStandIn
    EntraIdStandIn entra;

    @Test
    void theFirstLaunchCreatesTheMeetingWithTheVisitSettingsAsTheConfigurationsTenant() throws Exception {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.FABRIKAM, "Fabrikam General");

        VisitMeeting meeting = meetingFor(configuration, "CSN-1001");

        List<StandInRequest> sent = createOrGetRequests(configuration, "CSN-1001");
        assertEquals(1, sent.size());
        StandInRequest request = sent.getFirst();
        assertEquals("/v1.0/users/" + GraphResource.FABRIKAM_ORGANIZER + "/onlineMeetings/createOrGet", request.rawPath());
        JsonNode body = request.json();
        assertFalse(request.bodyText().contains("CSN-1001") || request.bodyText().contains(configuration.configurationId()),
                request.bodyText());
        assertEquals("Virtual visit - Fabrikam General", body.path("subject").asText());
        // createOrGet takes no meeting options; they are set by an update, and the meeting in Teams has them.
        List<StandInRequest> updates = graph.requests().stream()
                .filter(r -> "PATCH".equals(r.method()) && r.rawPath().equals("/v1.0/users/"
                        + GraphResource.FABRIKAM_ORGANIZER + "/onlineMeetings/" + meeting.meetingId()))
                .toList();
        assertEquals(1, updates.size());
        Map<String, Object> inTeams = graph.meetings().stream()
                .filter(m -> meeting.meetingId().equals(m.get("id"))).findFirst().orElseThrow();
        JsonNode teams = new ObjectMapper().valueToTree(inTeams);
        assertEquals("organization", teams.path("lobbyBypassSettings").path("scope").asText());
        assertFalse(teams.path("lobbyBypassSettings").path("isDialInBypassEnabled").asBoolean(true));
        assertEquals("organization", teams.path("allowedPresenters").asText());
        assertEquals("limited", teams.path("allowMeetingChat").asText());
        assertTrue(teams.path("isEntryExitAnnounced").asBoolean(false));
        Instant start = OffsetDateTime.parse(body.path("startDateTime").asText()).toInstant();
        Instant end = OffsetDateTime.parse(body.path("endDateTime").asText()).toInstant();
        assertTrue(Duration.between(start, Instant.now()).abs().compareTo(Duration.ofMinutes(1)) < 0, start.toString());
        assertEquals(Duration.ofHours(1), Duration.between(start, end));

        JWTClaimsSet token = SignedJWT.parse(request.bearerToken().orElseThrow()).getJWTClaimsSet();
        assertEquals(EntraDirectory.FABRIKAM.id(), token.getStringClaim("tid"));
        assertEquals(entra.issuer(EntraDirectory.FABRIKAM), token.getIssuer());
        assertEquals(List.of(EntraIdStandIn.GRAPH_AUDIENCE), token.getAudience());
        assertEquals(GraphResource.CLIENT_ID, token.getStringClaim("azp"));
        assertTrue(token.getStringListClaim("roles").contains("OnlineMeetings.ReadWrite.All"));

        Map<String, Object> created = graphMeeting(configuration, "CSN-1001");
        assertEquals(new VisitMeeting((String) created.get("id"), (String) created.get("joinWebUrl"),
                GraphResource.FABRIKAM_ORGANIZER), meeting);
        assertEquals(meeting, storedMeeting(configuration, "CSN-1001"));
    }

    @Test
    void laterLaunchesOfTheVisitGetTheStoredMeetingWithoutCallingGraph() {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.CONTOSO, null);
        VisitMeeting first = meetingFor(configuration, "appt-7");
        int graphCalls = graph.requests().size();

        assertEquals(first, meetingFor(configuration, "appt-7"));
        assertEquals(first, meetingFor(configuration, "appt-7"));

        assertEquals(graphCalls, graph.requests().size());
        assertEquals(GraphResource.CONTOSO_ORGANIZER, first.organizerId());
        assertEquals("Virtual visit", createOrGetRequests(configuration, "appt-7").getFirst().json().path("subject").asText());
    }

    @Test
    void eachVisitAndEachConfigurationHasItsOwnMeeting() {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.CONTOSO, "Contoso");
        ConfigurationSnapshot otherUrl = configuration(EntraDirectory.CONTOSO, "Contoso");

        VisitMeeting appointment = meetingFor(configuration, "appt-1");
        VisitMeeting nextAppointment = meetingFor(configuration, "appt-2");
        VisitMeeting sameIdOtherUrl = meetingFor(otherUrl, "appt-1");

        assertEquals(3, Set.of(appointment.meetingId(), nextAppointment.meetingId(), sameIdOtherUrl.meetingId()).size());
        assertEquals(3, Set.of(appointment.joinWebUrl(), nextAppointment.joinWebUrl(), sameIdOtherUrl.joinWebUrl()).size());
    }

    @Test
    void oneTokenOfTheTenantServesItsNextMeetings() {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.CONTOSO, "Contoso");
        meetingFor(configuration, "appt-token-1");
        long tokens = entra.tokenRequests().stream().filter(t -> "client_credentials".equals(t.grantType())).count();

        meetingFor(configuration, "appt-token-2");
        meetingFor(configuration, "appt-token-3");

        assertEquals(tokens, entra.tokenRequests().stream().filter(t -> "client_credentials".equals(t.grantType())).count());
    }

    @Test
    void launchesRacingForANewVisitEndInOneMeeting() throws Exception {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.CONTOSO, "Contoso");
        int racers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService launches = Executors.newFixedThreadPool(racers);
        try {
            List<Future<VisitMeeting>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(launches.submit(() -> {
                    go.await();
                    return meetingFor(configuration, "group-visit-42");
                }));
            }
            go.countDown();
            Set<VisitMeeting> distinct = new HashSet<>();
            for (Future<VisitMeeting> result : results) {
                distinct.add(result.get());
            }
            assertEquals(1, distinct.size(), distinct.toString());
        } finally {
            launches.shutdownNow();
        }
        assertEquals(1, graph.meetings().stream()
                .filter(m -> externalId(configuration, "group-visit-42").equals(m.get("externalId"))).count());
        assertEquals(1L, await(() -> Panache.withSession(() -> stored.count("configurationId", configuration.configurationId()))));
    }

    @Test
    void aTenantWithoutOrganizerGetsNoMeeting() {
        EntraTenant northwind = EntraHospital.create("Northwind").tenant();
        ConfigurationSnapshot configuration = configuration(northwind, "Northwind");

        Throwable failure = failureOf(configuration, "appt-1");

        NoOrganizerException noOrganizer = assertInstanceOf(NoOrganizerException.class, failure);
        assertEquals(northwind.id(), noOrganizer.tenantId());
        assertEquals(503, noOrganizer.problem().status());
        assertTrue(createOrGetRequests(configuration, "appt-1").isEmpty());
        assertNull(storedMeeting(configuration, "appt-1"));
    }

    @Test
    void whenGraphFailsNothingIsStoredAndTheNextLaunchGetsTheMeeting() {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.CONTOSO, "Contoso");
        graph.failNextRequests(1, 500);

        Throwable failure = failureOf(configuration, "appt-9");

        TeamsUnavailableException unavailable = assertInstanceOf(TeamsUnavailableException.class, failure);
        assertEquals("HTTP 500 ServiceNotAvailable", unavailable.reason());
        assertEquals(ProblemType.uri("teams-unavailable"), unavailable.problem().type());
        assertFalse(unavailable.getMessage().contains("Injected failure"));
        assertNull(storedMeeting(configuration, "appt-9"));

        VisitMeeting meeting = meetingFor(configuration, "appt-9");
        assertEquals(meeting, storedMeeting(configuration, "appt-9"));
        assertEquals(2, createOrGetRequests(configuration, "appt-9").size());
    }

    @Test
    void throttlingIsRetriedAfterGraphsRetryAfter() {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.FABRIKAM, "Fabrikam");
        graph.failNextRequests(1, 429);

        VisitMeeting meeting = meetingFor(configuration, "appt-3");

        assertEquals(meeting, storedMeeting(configuration, "appt-3"));
        assertEquals(2, createOrGetRequests(configuration, "appt-3").size());
    }

    @Test
    void purgedMeetingsComeBackFromGraphUnchanged() {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.CONTOSO, "Contoso");
        VisitMeeting meeting = meetingFor(configuration, "appt-old");

        assertEquals(0, await(() -> purge.purgeOnce(Instant.now().plus(Duration.ofDays(29)))));
        assertEquals(meeting, storedMeeting(configuration, "appt-old"));
        assertTrue(await(() -> purge.purgeOnce(Instant.now().plus(Duration.ofDays(31)))) >= 1);
        assertNull(storedMeeting(configuration, "appt-old"));

        assertEquals(meeting, meetingFor(configuration, "appt-old"));
        assertEquals(2, createOrGetRequests(configuration, "appt-old").size());
    }

    @Test
    void blankOrOverlongKeysAreRefused() {
        ConfigurationSnapshot configuration = configuration(EntraDirectory.CONTOSO, "Contoso");
        assertInstanceOf(IllegalArgumentException.class, failureOf(configuration, " "));
        assertInstanceOf(IllegalArgumentException.class, failureOf(configuration, "x".repeat(VisitMeetings.MAX_KEY_LENGTH + 1)));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static ConfigurationSnapshot configuration(EntraTenant tenant, String organizationName) {
        String id = UUID.randomUUID().toString();
        return new ConfigurationSnapshot(id, tenant.id(), ConfigurationSnapshot.Environment.TEST,
                "https://fhir.example.org/" + id + "/api/FHIR/R4", ConfigurationSnapshot.Status.APPROVED, 1, organizationName,
                "America/Chicago", null, null, OffsetDateTime.now());
    }

    private VisitMeeting meetingFor(ConfigurationSnapshot configuration, String meetingKey) {
        return await(() -> meetings.meetingFor(configuration, meetingKey));
    }

    private Throwable failureOf(ConfigurationSnapshot configuration, String meetingKey) {
        return assertThrows(Throwable.class, () -> meetingFor(configuration, meetingKey));
    }

    private VisitMeeting storedMeeting(ConfigurationSnapshot configuration, String meetingKey) {
        StoredVisitMeeting row = await(() -> Panache.withSession(() -> stored.find(configuration.configurationId(), meetingKey)));
        return row == null ? null : row.meeting();
    }

    private String externalId(ConfigurationSnapshot configuration, String meetingKey) {
        return externalIds.of(configuration.configurationId(), meetingKey);
    }

    private List<StandInRequest> createOrGetRequests(ConfigurationSnapshot configuration, String meetingKey) {
        String externalId = externalId(configuration, meetingKey);
        return graph.requests().stream()
                .filter(r -> r.rawPath().endsWith("/onlineMeetings/createOrGet"))
                .filter(r -> externalId.equals(r.json().path("externalId").asText()))
                .toList();
    }

    private Map<String, Object> graphMeeting(ConfigurationSnapshot configuration, String meetingKey) {
        String externalId = externalId(configuration, meetingKey);
        return graph.meetings().stream().filter(m -> externalId.equals(m.get("externalId")))
                .collect(Collectors.collectingAndThen(Collectors.toList(), List::getFirst));
    }

    /** Runs reactive code on a Vert.x context, as an endpoint would, and waits for it; failures come out unwrapped. */
    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
