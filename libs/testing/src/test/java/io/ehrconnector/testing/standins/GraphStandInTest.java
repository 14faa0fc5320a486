package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.models.AzureCommunicationServicesUserIdentity;
import com.microsoft.graph.models.CommunicationsUserIdentity;
import com.microsoft.graph.models.OnlineMeeting;
import com.microsoft.graph.models.Subscription;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.callrecords.CallRecord;
import com.microsoft.graph.models.CommunicationsIdentitySet;
import com.microsoft.graph.models.callrecords.CallType;
import com.microsoft.graph.models.callrecords.MediaStream;
import com.microsoft.graph.models.callrecords.ParticipantEndpoint;
import com.microsoft.graph.models.callrecords.ServiceEndpoint;
import com.microsoft.graph.models.callrecords.Session;
import com.microsoft.graph.models.callrecords.SessionCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.onlinemeetings.createorget.CreateOrGetPostRequestBody;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Microsoft Graph SDK (v6) against {@link GraphStandIn}, with app tokens from {@link EntraIdStandIn}. */
class GraphStandInTest {

    private static final String APP = "launch-service";
    private static final String ORGANIZER = EntraDirectory.CONTOSO_PROVIDER.objectId();

    private static EntraIdStandIn entra;
    private static GraphStandIn graphStandIn;
    private static String appToken;
    private static GraphServiceClient graph;

    @BeforeAll
    static void start() {
        entra = new EntraIdStandIn(0).start();
        entra.registerClient(RegisteredClient.of(APP, ClientAuthentication.secret("app-secret")));
        entra.grantApplicationPermissions(APP, "OnlineMeetings.ReadWrite.All", "CallRecords.Read.All", "User.Read.All");
        graphStandIn = new GraphStandIn(0).start().acceptAccessTokens(entra.accessTokenValidator(EntraIdStandIn.GRAPH_AUDIENCE));

        var response = new TestHttp().postForm(entra.tokenEndpoint(EntraDirectory.CONTOSO.id()), Map.of(
                "grant_type", "client_credentials", "scope", "https://graph.microsoft.com/.default",
                "client_id", APP, "client_secret", "app-secret"));
        appToken = TestHttp.json(response).get("access_token").asText();
        graph = client(appToken);
    }

    @AfterAll
    static void stop() {
        graphStandIn.stop();
        entra.stop();
    }

    private static GraphServiceClient client(String token) {
        AccessTokenProvider tokens = new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return token;
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return new AllowedHostsValidator();
            }
        };
        GraphServiceClient client = new GraphServiceClient(new BaseBearerTokenAuthenticationProvider(tokens));
        client.getRequestAdapter().setBaseUrl(graphStandIn.graphBaseUrl());
        return client;
    }

    @Test
    void createOrGetTwiceWithOneExternalIdReturnsTheSameMeeting() {
        OnlineMeeting first = graph.users().byUserId(ORGANIZER).onlineMeetings().createOrGet().post(meeting("cfg-1:appt-1"));
        OnlineMeeting second = graph.users().byUserId(ORGANIZER).onlineMeetings().createOrGet().post(meeting("cfg-1:appt-1"));
        OnlineMeeting other = graph.users().byUserId(ORGANIZER).onlineMeetings().createOrGet().post(meeting("cfg-1:appt-2"));

        assertEquals(first.getId(), second.getId());
        assertEquals(first.getJoinWebUrl(), second.getJoinWebUrl());
        assertEquals("cfg-1:appt-1", second.getExternalId());
        assertNotEquals(first.getId(), other.getId());
        assertNotEquals(first.getJoinWebUrl(), other.getJoinWebUrl());
        assertTrue(first.getJoinWebUrl().startsWith("https://teams.microsoft.com/l/meetup-join/"), first.getJoinWebUrl());
        assertEquals(ORGANIZER, first.getParticipants().getOrganizer().getIdentity().getUser().getId());

        graphStandIn.wireMock().verify(2, postRequestedFor(urlEqualTo("/v1.0/users/" + ORGANIZER + "/onlineMeetings/createOrGet"))
                .withHeader("Authorization", equalTo("Bearer " + appToken))
                .withRequestBody(matchingJsonPath("$.externalId", equalTo("cfg-1:appt-1")))
                .withRequestBody(matchingJsonPath("$.subject", equalTo("Virtual visit"))));
    }

    @Test
    void tokensNotIssuedByEntraAreRefused() {
        GraphServiceClient forged = client(entra.issueUserAccessToken(EntraDirectory.CONTOSO_ADMIN, APP, APP));
        ODataError error = assertThrows(ODataError.class, () -> forged.users().byUserId(ORGANIZER).get());
        assertEquals(401, error.getResponseStatusCode());
        assertEquals("InvalidAuthenticationToken", error.getError().getCode());

        ODataError garbage = assertThrows(ODataError.class, () -> client("not-a-jwt").users().byUserId(ORGANIZER).get());
        assertEquals(401, garbage.getResponseStatusCode());
    }

    @Test
    void usersAreTheSeededDirectory() {
        User user = graph.users().byUserId(EntraDirectory.CONTOSO_ADMIN.objectId()).get();
        assertEquals(EntraDirectory.CONTOSO_ADMIN.userPrincipalName(), user.getUserPrincipalName());
        ODataError missing = assertThrows(ODataError.class, () -> graph.users().byUserId("00000000-0000-4000-8000-00000000dead").get());
        assertEquals(404, missing.getResponseStatusCode());
    }

    @Test
    void subscriptionsValidateTheWebhookAndNotifyIt() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/graph/notifications", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            byte[] answer = new byte[0];
            int status = 202;
            if (query != null && query.startsWith("validationToken=")) {
                answer = URLDecoder.decode(query.substring("validationToken=".length()), StandardCharsets.UTF_8)
                        .getBytes(StandardCharsets.UTF_8);
                status = 200;
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
            } else {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        webhook.start();
        graphStandIn.validateNotificationUrls(true);
        try {
            String url = "http://127.0.0.1:" + webhook.getAddress().getPort() + "/graph/notifications";
            Subscription request = new Subscription();
            request.setChangeType("updated");
            request.setNotificationUrl(url);
            request.setResource("communications/onlineMeetings/?$filter=JoinWebUrl eq 'x'");
            request.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
            request.setClientState("client-state-secret");
            Subscription created = graph.subscriptions().post(request);
            assertEquals(url, created.getNotificationUrl());

            Subscription renewal = new Subscription();
            OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusHours(2).withNano(0);
            renewal.setExpirationDateTime(later);
            assertEquals(later.toInstant(), graph.subscriptions().bySubscriptionId(created.getId()).patch(renewal)
                    .getExpirationDateTime().toInstant());

            int status = graphStandIn.notifySubscription(created.getId(), "updated",
                    Map.of("@odata.type", "#Microsoft.Graph.onlineMeeting", "id", "meeting-1"));
            assertEquals(202, status);
            JsonNode notification = new ObjectMapper().readTree(received.getFirst()).get("value").get(0);
            assertEquals("client-state-secret", notification.get("clientState").asText());
            assertEquals("updated", notification.get("changeType").asText());
            assertEquals(created.getId(), notification.get("subscriptionId").asText());

            graph.subscriptions().bySubscriptionId(created.getId()).delete();
            assertTrue(graphStandIn.subscriptions().isEmpty());

            Subscription unreachable = new Subscription();
            unreachable.setChangeType("updated");
            unreachable.setNotificationUrl("http://127.0.0.1:" + webhook.getAddress().getPort() + "/not-echoing");
            unreachable.setResource("communications/callRecords");
            unreachable.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusHours(1));
            ODataError refused = assertThrows(ODataError.class, () -> graph.subscriptions().post(unreachable));
            assertEquals(400, refused.getResponseStatusCode());
        } finally {
            graphStandIn.validateNotificationUrls(false);
            webhook.stop(0);
        }
    }

    @Test
    void meetingCallEventsAndLifecycleNotificationsReachTheSubscriberOnTheBetaEndpoint() throws Exception {
        List<String> notifications = new CopyOnWriteArrayList<>();
        List<String> lifecycle = new CopyOnWriteArrayList<>();
        HttpServer webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/notifications", exchange -> receive(exchange, notifications));
        webhook.createContext("/lifecycle", exchange -> receive(exchange, lifecycle));
        webhook.start();
        try {
            String base = "http://127.0.0.1:" + webhook.getAddress().getPort();
            String resource = "/communications/onlineMeetings/?$filter=JoinWebUrl eq 'https://teams.microsoft.com/l/x'";
            Subscription request = new Subscription();
            request.setChangeType("updated");
            request.setNotificationUrl(base + "/notifications");
            request.setLifecycleNotificationUrl(base + "/lifecycle");
            request.setResource(resource);
            request.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(4229));
            request.setClientState("client-state-secret");
            String beta = graphStandIn.baseUrl() + "/beta/subscriptions";
            Subscription created = graph.subscriptions().withUrl(beta).post(request);

            Subscription tooLong = new Subscription();
            tooLong.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(4300));
            ODataError refused = assertThrows(ODataError.class,
                    () -> graph.subscriptions().bySubscriptionId(created.getId()).withUrl(beta + "/" + created.getId()).patch(tooLong));
            assertEquals(400, refused.getResponseStatusCode());

            graph.subscriptions().bySubscriptionId(created.getId()).reauthorize()
                    .withUrl(beta + "/" + created.getId() + "/reauthorize").post();
            assertTrue(graphStandIn.requests().stream().anyMatch(r -> r.method().equals("POST")
                    && r.rawPath().equals("/beta/subscriptions/" + created.getId() + "/reauthorize")));

            Instant joined = Instant.parse("2026-03-02T15:28:00Z");
            assertEquals(202, graphStandIn.notifyMeetingEvent(created.getId(), GraphMeetingEvent.rosterUpdate(joined)
                    .joined("leg-1", GraphParticipantIdentity.user(ORGANIZER, EntraDirectory.CONTOSO.id(), "Dr. Example"))
                    .exited("leg-2", GraphParticipantIdentity.guest("8:teamsvisitor:abc", "Visitor"))));
            JsonNode data = new ObjectMapper().readTree(notifications.getFirst()).get("value").get(0).get("resourceData");
            assertEquals(GraphMeetingEvent.CALL_ROSTER_UPDATE, data.get("eventType").asText());
            assertEquals(joined.toString(), data.get("eventDateTime").asText());
            JsonNode user = data.get("activeParticipants@joined").get(0);
            assertEquals("leg-1", user.get("Id").asText());
            assertEquals(ORGANIZER, user.get("Identity").get("User").get("Id").asText());
            assertEquals(EntraDirectory.CONTOSO.id(), user.get("Identity").get("User").get("TenantId").asText());
            assertEquals("8:teamsvisitor:abc", data.get("activeParticipants@exited").get(0).get("Identity").get("Guest")
                    .get("Id").asText());

            assertEquals(202, graphStandIn.notifyLifecycle(created.getId(), GraphLifecycleNotification.SUBSCRIPTION_REMOVED));
            JsonNode removed = new ObjectMapper().readTree(lifecycle.getFirst()).get("value").get(0);
            assertEquals("subscriptionRemoved", removed.get("lifecycleEvent").asText());
            assertEquals("client-state-secret", removed.get("clientState").asText());
            assertTrue(graphStandIn.subscriptions().isEmpty(), "Graph removed the subscription");
        } finally {
            webhook.stop(0);
        }
    }

    @Test
    void attendanceReportsListTheirRecords() {
        OnlineMeeting meeting = graph.users().byUserId(ORGANIZER).onlineMeetings().createOrGet().post(meeting("cfg-2:appt-9"));
        Instant start = Instant.parse("2026-03-02T15:00:00Z");
        graphStandIn.putAttendanceReport(meeting.getId(), start, start.plusSeconds(1800), List.of(
                new GraphAttendanceRecord(GraphParticipantIdentity.user(ORGANIZER, EntraDirectory.CONTOSO.id(), "Dr. Example"),
                        start.plusSeconds(60), start.plusSeconds(1700)),
                new GraphAttendanceRecord(GraphParticipantIdentity.azureCommunicationServicesUser("8:acs:1", "Patient"),
                        start.plusSeconds(30), null)));

        var meetings = graph.users().byUserId(ORGANIZER).onlineMeetings().byOnlineMeetingId(meeting.getId());
        var reports = meetings.attendanceReports().get().getValue();
        assertEquals(1, reports.size());
        var records = meetings.attendanceReports().byMeetingAttendanceReportId(reports.getFirst().getId())
                .attendanceRecords().get().getValue();
        assertEquals(2, records.size());
        assertInstanceOf(CommunicationsUserIdentity.class, records.getFirst().getIdentity());
        assertEquals(EntraDirectory.CONTOSO.id(), ((CommunicationsUserIdentity) records.getFirst().getIdentity()).getTenantId());
        assertEquals(start.plusSeconds(1700), records.getFirst().getAttendanceIntervals().getFirst().getLeaveDateTime().toInstant());
        assertInstanceOf(AzureCommunicationServicesUserIdentity.class, records.get(1).getIdentity());
        assertNull(records.get(1).getAttendanceIntervals().getFirst().getLeaveDateTime());
    }

    private static void receive(com.sun.net.httpserver.HttpExchange exchange, List<String> received) throws java.io.IOException {
        received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
    }

    @Test
    void callRecordsAreServedById() {
        graphStandIn.putCallRecord("call-1", Map.of("version", 1, "type", "groupCall",
                "modalities", List.of("audio", "video"), "startDateTime", "2026-01-01T10:00:00Z", "endDateTime", "2026-01-01T10:20:00Z"));
        CallRecord record = graph.communications().callRecords().byCallRecordId("call-1").get();
        assertEquals("call-1", record.getId());
        assertEquals(CallType.GroupCall, record.getType());
    }

    @Test
    void callRecordsHonourSelectAndExpandTheirSessionsPageByPage() {
        Instant start = Instant.parse("2026-03-02T15:00:00Z");
        GraphMediaStream audio = GraphMediaStream.audio(GraphMediaStream.CALLER_TO_CALLEE, Duration.ofMillis(12),
                Duration.ofMillis(40), 0.01, 0.05, Duration.ofMillis(30), Duration.ofMillis(90));
        GraphCallRecord built = GraphCallRecord.groupCall("https://teams.microsoft.com/l/meetup-join/x", start,
                start.plusSeconds(900)).version(3);
        for (int i = 0; i < 5; i++) {
            built.session(GraphParticipantIdentity.guest("8:teamsvisitor:" + i, "Visitor " + i),
                    GraphCallRecord.Media.of("main-audio", audio));
        }
        graphStandIn.putCallRecord("call-paged", built).pageCallRecordSessions(2);
        try {
            var record = graph.communications().callRecords().byCallRecordId("call-paged");

            CallRecord selected = record.get(rc -> rc.queryParameters.select = new String[] {"id", "version", "joinWebUrl"});
            assertEquals(3L, selected.getVersion());
            assertEquals("https://teams.microsoft.com/l/meetup-join/x", selected.getJoinWebUrl());
            assertNull(selected.getStartDateTime(), "not selected");
            assertNull(selected.getSessions(), "sessions only when expanded");

            CallRecord expanded = record.get(rc -> rc.queryParameters.expand = new String[] {"sessions($expand=segments)"});
            assertEquals(2, expanded.getSessions().size());
            Session first = expanded.getSessions().getFirst();
            ParticipantEndpoint caller = assertInstanceOf(ParticipantEndpoint.class, first.getCaller());
            assertInstanceOf(ServiceEndpoint.class, first.getCallee());
            CommunicationsIdentitySet identity = assertInstanceOf(CommunicationsIdentitySet.class, caller.getIdentity());
            assertEquals("8:teamsvisitor:0", identity.getGuest().getId());
            MediaStream stream = first.getSegments().getFirst().getMedia().getFirst().getStreams().getFirst();
            assertEquals(Duration.ofMillis(12), stream.getAverageJitter().getDuration());
            assertEquals(0.05f, stream.getMaxPacketLossRate());

            String next = (String) expanded.getAdditionalData().get("sessions@odata.nextLink");
            int sessions = expanded.getSessions().size();
            int pages = 1;
            while (next != null) {
                SessionCollectionResponse page = record.sessions().withUrl(next).get();
                sessions += page.getValue().size();
                assertTrue(page.getValue().stream().allMatch(session -> session.getSegments().size() == 1), "segments kept");
                next = page.getOdataNextLink();
                pages++;
            }
            assertEquals(5, sessions);
            assertEquals(3, pages);

            ODataError missing = assertThrows(ODataError.class,
                    () -> graph.communications().callRecords().byCallRecordId("not-made-yet").get());
            assertEquals(404, missing.getResponseStatusCode());
        } finally {
            graphStandIn.pageCallRecordSessions(CallRecords.DEFAULT_SESSION_PAGE);
        }
    }

    private static CreateOrGetPostRequestBody meeting(String externalId) {
        CreateOrGetPostRequestBody body = new CreateOrGetPostRequestBody();
        body.setExternalId(externalId);
        body.setSubject("Virtual visit");
        body.setStartDateTime(OffsetDateTime.of(2026, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC));
        body.setEndDateTime(OffsetDateTime.of(2026, 1, 1, 10, 30, 0, 0, ZoneOffset.UTC));
        return body;
    }
}
