package io.ehrconnector.launch.presence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.launch.meeting.StoredVisitMeetings;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The provider's live roster: {@code GET /visits/live/{token}}, a page that opens the visit in Teams and shows who is
 * connected (role and since when, no names), kept current by {@code GET /visits/live/{token}/events}, server-sent events:
 * first the roster as it stands ({@code roster}), then each change ({@code presence}, its id the event's id), and a
 * heartbeat comment in between. A reconnecting client's {@code Last-Event-ID} is accepted and needs no replay: every stream
 * starts with the whole roster. The stream ends when the link expires; a forged link gets 404, an expired one 410.
 */
@Path("/visits/live")
public class LiveRosterResource {

    private final LiveRosterTokens tokens;
    private final StoredVisitMeetings meetings;
    private final VisitParticipants participants;
    private final LivePresenceFeed feed;
    private final PresenceSettings settings;
    private final ObjectMapper json;

    LiveRosterResource(LiveRosterTokens tokens, StoredVisitMeetings meetings, VisitParticipants participants,
                       LivePresenceFeed feed, PresenceSettings settings, ObjectMapper json) {
        this.tokens = tokens;
        this.meetings = meetings;
        this.participants = participants;
        this.feed = feed;
        this.settings = settings;
        this.json = json;
    }

    @GET
    @Path("/{token}")
    @Produces(MediaType.TEXT_HTML)
    public Uni<jakarta.ws.rs.core.Response> page(@PathParam("token") String token) {
        LiveRosterToken live;
        try {
            live = tokens.verify(token);
        } catch (LiveRosterTokens.Rejected rejected) {
            return Uni.createFrom().item(LiveRosterPage.refused(rejected.expired()));
        }
        return Panache.withSession(() -> meetings.find(live.configurationId(), live.meetingKey())
                .flatMap(meeting -> meeting == null ? Uni.createFrom().item(LiveRosterPage.refused(false))
                        : participants.ofMeeting(live.configurationId(), live.meetingKey())
                                .map(roster -> LiveRosterPage.of(meeting.joinWebUrl, roster, token + "/events"))));
    }

    @GET
    @Path("/{token}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<OutboundSseEvent> events(@PathParam("token") String token, @Context Sse sse) {
        LiveRosterToken live;
        try {
            live = tokens.verify(token);
        } catch (LiveRosterTokens.Rejected rejected) {
            throw new WebApplicationException(rejected.expired() ? 410 : 404);
        }
        Multi<OutboundSseEvent> roster = Panache.withSession(() -> participants.ofMeeting(live.configurationId(),
                        live.meetingKey()))
                .map(rows -> sse.newEventBuilder().name("roster").reconnectDelay(3000)
                        .data(write(Map.of("participants", rows.stream().map(LiveParticipant::of).toList()))).build())
                .toMulti();
        Multi<OutboundSseEvent> changes = feed.of(live.configurationId(), live.meetingKey())
                .onOverflow().buffer(256)
                .map(change -> sse.newEventBuilder().name("presence").id(change.eventId())
                        .data(write(LiveParticipant.of(change))).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(settings.liveViewHeartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(List.of(roster, changes, heartbeats))
                .select().first(Duration.between(Instant.now(), live.expiresAt()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the live roster's JSON always serialises", e);
        }
    }
}
