package io.ehrconnector.launch.quality;

import com.microsoft.graph.communications.callrecords.item.CallRecordItemRequestBuilder;
import com.microsoft.graph.models.callrecords.CallRecord;
import com.microsoft.graph.models.callrecords.Session;
import io.ehrconnector.launch.meeting.GraphCalls;
import io.ehrconnector.launch.meeting.GraphClients;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tenant's call records from Graph ({@code communications/callRecords/{id}}, v1.0, app-only with the tenant's token
 * and the {@code CallRecords.Read.All} application permission), in two steps: first only what tells whether the call was a
 * visit's (its meeting's join URL, version and times), then, for a visit's call only, its sessions with their segments,
 * page by page. Each Graph request is one call on the Graph call pool, bounded by {@code ehr.graph.timeout}. Failures are
 * Graph's own exceptions ({@link io.ehrconnector.launch.meeting.GraphFailures} describes them safely); a record Teams has
 * not made yet is a 404.
 */
@ApplicationScoped
class CallRecordReader {

    private static final String[] SUMMARY = {"id", "version", "type", "joinWebUrl", "startDateTime", "endDateTime"};
    private static final String[] SESSIONS_WITH_SEGMENTS = {"sessions($expand=segments)"};
    private static final String NEXT_SESSIONS = "sessions@odata.nextLink";
    /** A visit has a handful of participants, each with a session or a few; far more is no visit's call. */
    static final int MAX_SESSIONS = 5000;
    static final int MAX_PAGES = 100;

    private final GraphClients clients;
    private final GraphCalls calls;
    private final CallRecordUrls urls;

    CallRecordReader(GraphClients clients, GraphCalls calls, CallRecordUrls urls) {
        this.clients = clients;
        this.calls = calls;
        this.urls = urls;
    }

    /** The record's id, version, type, meeting join URL and times; no sessions. */
    Uni<CallRecord> summary(String tenantId, String callRecordId) {
        return calls.run(() -> record(tenantId, callRecordId).get(request -> request.queryParameters.select = SUMMARY));
    }

    /** Every session of the record, with its segments (and their media). */
    Uni<List<Session>> sessions(String tenantId, String callRecordId) {
        return calls.run(() -> record(tenantId, callRecordId)
                        .get(request -> request.queryParameters.expand = SESSIONS_WITH_SEGMENTS))
                .flatMap(first -> {
                    if (first == null) {
                        throw new UnusableCallRecordException("Graph answered without the call record");
                    }
                    List<Session> sessions = new ArrayList<>();
                    Object next = first.getAdditionalData() == null ? null : first.getAdditionalData().get(NEXT_SESSIONS);
                    return more(tenantId, callRecordId, sessions, first.getSessions(), next instanceof String link ? link
                            : null, 1);
                });
    }

    /** Adds {@code page} and follows {@code next} (Graph's link to the next page of sessions) until there is none. */
    private Uni<List<Session>> more(String tenantId, String callRecordId, List<Session> sessions, List<Session> page,
                                    String next, int pages) {
        if (page != null) {
            sessions.addAll(page);
        }
        if (sessions.size() > MAX_SESSIONS || (next != null && pages >= MAX_PAGES)) {
            throw new UnusableCallRecordException("more sessions than a visit has");
        }
        if (next == null) {
            return Uni.createFrom().item(sessions);
        }
        if (!urls.isGraphLink(next)) {
            // The token goes only to Graph's host anyway; a link elsewhere is not followed at all.
            throw new IllegalStateException("Graph's next page of sessions is not on Graph's endpoint");
        }
        return calls.run(() -> record(tenantId, callRecordId).sessions().withUrl(next).get())
                .flatMap(more -> more(tenantId, callRecordId, sessions, more == null ? null : more.getValue(),
                        more == null ? null : more.getOdataNextLink(), pages + 1));
    }

    private CallRecordItemRequestBuilder record(String tenantId, String callRecordId) {
        return clients.forTenant(tenantId).communications().callRecords().byCallRecordId(callRecordId);
    }
}
