package io.ehrconnector.testing.standins;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Microsoft Graph v1.0, as far as the connector uses it, on WireMock: {@code createOrGet} online meetings (idempotent on
 * externalId), users, change-notification subscriptions (also on {@code /beta}), call records (with {@code $select}, and
 * {@code $expand=sessions($expand=segments)} paged by {@code sessions@odata.nextLink}), meeting attendance reports,
 * and pushing change notifications (meeting call events among them) and lifecycle notifications to a webhook.
 * Every call needs a bearer token; by default any non-empty token is accepted, {@link #acceptAccessTokens} narrows it
 * (e.g. to tokens of the {@link EntraIdStandIn}). Users start as the {@link EntraDirectory} users.
 *
 * <p>Requests can be checked with {@link #requests()} or WireMock's own {@code verify} on {@link #wireMock()}.
 */
public final class GraphStandIn implements AutoCloseable {

    private static final String USERS = "/v1\\.0/users/([^/]+)";
    private static final String JOIN_PAGE = "/l/meetup-join/";
    private static final String SUBSCRIPTIONS = "/(?:v1\\.0|beta)/subscriptions";

    private final Map<String, String> tenantOfUser = new ConcurrentHashMap<>();
    private final GraphEntities users = new GraphEntities("users");
    private final CallRecords callRecords = new CallRecords();
    private final OnlineMeetings meetings;
    private final GraphSubscriptions subscriptions = new GraphSubscriptions(new OutboundHttp());
    private final AttendanceReports attendanceReports = new AttendanceReports();
    private final FailureInjector failures = new FailureInjector();
    private final Router router = new Router(request -> GraphErrors.error(400, "BadRequest",
            "Resource not found for the segment '" + request.rawPath() + "'."));
    private final WireMockHost host;
    private volatile Predicate<String> tokenValidator = token -> true;
    private volatile boolean localJoinPage;

    /** @param port the port to listen on, 0 for any free one */
    public GraphStandIn(int port) {
        WireMockConfiguration options = WireMockConfiguration.options();
        options = port == 0 ? options.dynamicPort() : options.port(port);
        this.host = new WireMockHost("graph", options, router);
        this.meetings = new OnlineMeetings(userId -> Optional.ofNullable(tenantOfUser.get(userId)),
                () -> localJoinPage ? baseUrl() : "https://teams.microsoft.com");
        EntraDirectory.USERS.forEach(user -> addUser(user.objectId(), user.tenant().id(), Map.of(
                "userPrincipalName", user.userPrincipalName(), "displayName", user.displayName(), "mail", user.userPrincipalName())));
        router.filter(this::failure)
                .filter(this::authentication)
                .on("POST", USERS + "/onlineMeetings/createOrGet", meetings::createOrGet)
                .on("GET", USERS + "/onlineMeetings/([^/]+)", meetings::get)
                .on("PATCH", USERS + "/onlineMeetings/([^/]+)", meetings::update)
                .on("GET", USERS + "/onlineMeetings", meetings::findByJoinWebUrl)
                .on("GET", USERS, request -> users.serve(request, graphBaseUrl()))
                .on("GET", USERS + "/onlineMeetings/([^/]+)/attendanceReports", attendanceReports::list)
                .on("GET", USERS + "/onlineMeetings/([^/]+)/attendanceReports/([^/]+)/attendanceRecords",
                        attendanceReports::records)
                // Some subscription resources (Teams meeting call events) exist only on Graph's beta endpoint.
                .on("POST", SUBSCRIPTIONS, subscriptions::create)
                .on("GET", SUBSCRIPTIONS + "/([^/]+)", subscriptions::get)
                .on("PATCH", SUBSCRIPTIONS + "/([^/]+)", subscriptions::update)
                .on("DELETE", SUBSCRIPTIONS + "/([^/]+)", subscriptions::delete)
                .on("POST", SUBSCRIPTIONS + "/([^/]+)/reauthorize", subscriptions::reauthorize)
                .on("GET", "/v1\\.0/communications/callRecords/([^/]+)", request -> callRecords.get(request, graphBaseUrl()))
                .on("GET", "/v1\\.0/communications/callRecords/([^/]+)/sessions",
                        request -> callRecords.sessions(request, graphBaseUrl()))
                .on("GET", JOIN_PAGE + ".*", GraphStandIn::joinPage);
    }

    public GraphStandIn() {
        this(0);
    }

    public GraphStandIn start() {
        host.start();
        return this;
    }

    public void stop() {
        host.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code http://127.0.0.1:port}. */
    public String baseUrl() {
        return host.httpBaseUrl();
    }

    /** What to give the Graph SDK: {@code graph.getRequestAdapter().setBaseUrl(graphBaseUrl())}. */
    public String graphBaseUrl() {
        return baseUrl() + "/v1.0";
    }

    /** The WireMock server, for {@code verify(...)} or extra stubs that take precedence over the stand-in. */
    public WireMockServer wireMock() {
        return host.server();
    }

    // ---- set-up ------------------------------------------------------------------------------------------------

    /** Only bearer tokens this predicate accepts get through (401 InvalidAuthenticationToken otherwise). */
    public GraphStandIn acceptAccessTokens(Predicate<String> validator) {
        this.tokenValidator = validator;
        return this;
    }

    /** Adds (or replaces) a user Graph knows; {@code properties} are Graph user properties such as displayName. */
    public GraphStandIn addUser(String userId, String tenantId, Map<String, ?> properties) {
        tenantOfUser.put(userId, tenantId);
        users.put(userId, properties);
        return this;
    }

    /**
     * Adds a call record (the JSON Graph returns for {@code communications/callRecords/{id}} with
     * {@code $expand=sessions($expand=segments)}); until then the record is a 404, as before Teams has made it.
     */
    public GraphStandIn putCallRecord(String id, Map<String, ?> callRecord) {
        callRecords.put(id, callRecord);
        return this;
    }

    /** Adds a call record built with {@link GraphCallRecord}. */
    public GraphStandIn putCallRecord(String id, GraphCallRecord callRecord) {
        return putCallRecord(id, callRecord.json());
    }

    /** How many sessions one page of a call record's expanded sessions holds (default 60); the rest follow by nextLink. */
    public GraphStandIn pageCallRecordSessions(int sessionsPerPage) {
        callRecords.sessionPageSize(sessionsPerPage);
        return this;
    }

    /** On: subscription creation runs Graph's validationToken handshake against the notification URL (default off). */
    public GraphStandIn validateNotificationUrls(boolean on) {
        subscriptions.validateNotificationUrls(on);
        return this;
    }

    /** On: joinWebUrl points to a small page of this stand-in instead of teams.microsoft.com (for the local stack). */
    public GraphStandIn useLocalJoinPage(boolean on) {
        this.localJoinPage = on;
        return this;
    }

    /** The next {@code count} Graph calls fail with {@code status} (429 carries Retry-After: 1). */
    public void failNextRequests(int count, int status) {
        failures.failNext(count, status);
    }

    // ---- notifications -----------------------------------------------------------------------------------------

    /** POSTs a change notification to {@code webhook}; returns the HTTP status the webhook answered. */
    public int pushChangeNotification(URI webhook, GraphChangeNotification notification) {
        return subscriptions.push(webhook, notification);
    }

    /** Notifies a subscription created through this stand-in, using its notificationUrl, clientState and resource. */
    public int notifySubscription(String subscriptionId, String changeType, Map<String, Object> resourceData) {
        return subscriptions.notify(subscriptionId, changeType, resourceData);
    }

    /**
     * Notifies a subscription to {@code communications/callRecords} that Teams made or revised the call record
     * {@code callRecordId} in {@code tenantId}, as Graph does for an {@code updated} subscription (the record's id in the
     * resource data); returns the HTTP status the webhook answered.
     */
    public int notifyCallRecordCreated(String subscriptionId, String tenantId, String callRecordId) {
        return subscriptions.notify(subscriptionId, "updated", tenantId, "communications/callRecords/" + callRecordId,
                Map.of("@odata.type", "#Microsoft.Graph.callrecord", "@odata.id",
                        "communications/callRecords/" + callRecordId, "id", callRecordId));
    }

    /**
     * Notifies a subscription to a meeting's call events ({@code communications/onlineMeetings/?$filter=JoinWebUrl eq '...'})
     * of {@code event}, the way Graph does without encrypted resource data; returns the HTTP status the webhook answered.
     */
    public int notifyMeetingEvent(String subscriptionId, GraphMeetingEvent event) {
        String resource = subscriptions.find(subscriptionId)
                .orElseThrow(() -> new IllegalArgumentException("no subscription " + subscriptionId))
                .get("resource").asText();
        return notifySubscription(subscriptionId, "updated", event.resourceData(resource.startsWith("/")
                ? resource.substring(1) : resource));
    }

    /**
     * Until {@link #stopNotifyingNewSubscriptions}, notifies each subscription created of {@code event} (as
     * {@link #notifyMeetingEvent}) before its creation is answered, as Graph may. Returns the HTTP status the webhook
     * answered, by subscription id, filled in as they are sent.
     */
    public Map<String, Integer> notifyNewSubscriptionsBeforeAnswering(GraphMeetingEvent event) {
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        subscriptions.beforeAnsweringCreate(subscriptionId -> statuses.put(subscriptionId,
                notifyMeetingEvent(subscriptionId, event)));
        return statuses;
    }

    public void stopNotifyingNewSubscriptions() {
        subscriptions.beforeAnsweringCreate(null);
    }

    /**
     * Sends a lifecycle notification ({@link GraphLifecycleNotification#REAUTHORIZATION_REQUIRED},
     * {@link GraphLifecycleNotification#SUBSCRIPTION_REMOVED}, which also removes the subscription, or
     * {@link GraphLifecycleNotification#MISSED}) to the subscription's lifecycle notification URL; returns the HTTP status.
     */
    public int notifyLifecycle(String subscriptionId, String lifecycleEvent) {
        return subscriptions.notifyLifecycle(subscriptionId, lifecycleEvent);
    }

    /**
     * Adds an attendance report (Teams makes one when a meeting session ends) to the meeting {@code meetingId}, served at
     * {@code users/{organizer}/onlineMeetings/{meetingId}/attendanceReports}; returns the report's id.
     */
    public String putAttendanceReport(String meetingId, Instant sessionStart, Instant sessionEnd,
                                      List<GraphAttendanceRecord> records) {
        return attendanceReports.add(meetingId, sessionStart, sessionEnd, records);
    }

    // ---- what it holds and received ----------------------------------------------------------------------------

    /** Meetings created so far (JSON as Graph returns them). */
    public List<Map<String, Object>> meetings() {
        return meetings.all().stream().map(Json::toMap).toList();
    }

    /** Live subscriptions (JSON as Graph returns them). */
    public List<Map<String, Object>> subscriptions() {
        return subscriptions.all().stream().map(Json::toMap).toList();
    }

    public List<StandInRequest> requests() {
        return router.received();
    }

    private Optional<StandInResponse> failure(StandInRequest request) {
        if (request.rawPath().startsWith(JOIN_PAGE)) {
            return Optional.empty();
        }
        OptionalInt status = failures.next();
        if (status.isEmpty()) {
            return Optional.empty();
        }
        StandInResponse response = GraphErrors.error(status.getAsInt(),
                status.getAsInt() == 429 ? "TooManyRequests" : "ServiceNotAvailable", "Injected failure");
        return Optional.of(status.getAsInt() == 429 ? response.withHeader("Retry-After", "1") : response);
    }

    private Optional<StandInResponse> authentication(StandInRequest request) {
        if (request.rawPath().startsWith(JOIN_PAGE)) {
            return Optional.empty();
        }
        Optional<String> token = request.bearerToken();
        if (token.isEmpty()) {
            return Optional.of(GraphErrors.error(401, "InvalidAuthenticationToken", "Access token is empty."));
        }
        if (!tokenValidator.test(token.get())) {
            return Optional.of(GraphErrors.error(401, "InvalidAuthenticationToken", "Access token validation failure."));
        }
        return Optional.empty();
    }

    private static StandInResponse joinPage(StandInRequest request) {
        return StandInResponse.html(200, Html.page("Teams meeting (stand-in)",
                "<p>You have joined the meeting <code>" + Html.escape(request.path()) + "</code>.</p>"
                        + "<p>In production this link opens Microsoft Teams.</p>"));
    }

    /** Runs the stand-in alone until killed: {@code java ... GraphStandIn [port]}. */
    public static void main(String[] args) {
        GraphStandIn graph = new GraphStandIn(args.length > 0 ? Integer.parseInt(args[0]) : 0).useLocalJoinPage(true).start();
        System.out.println("Graph stand-in: " + graph.graphBaseUrl());
    }
}
