package io.ehrconnector.launch.quality;

import com.microsoft.graph.models.callrecords.CallRecord;
import io.ehrconnector.launch.meeting.Backoff;
import io.ehrconnector.launch.meeting.GraphFailures;
import io.ehrconnector.launch.meeting.MeetingOrganizers;
import io.ehrconnector.launch.meeting.NoOrganizerException;
import io.ehrconnector.launch.meeting.StoredVisitMeeting;
import io.ehrconnector.launch.meeting.StoredVisitMeetings;
import io.ehrconnector.launch.presence.Detached;
import io.ehrconnector.launch.presence.PresenceSettings;
import io.ehrconnector.support.Failures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.ehrconnector.launch.presence.Sequentially.each;

/**
 * Fetches the call records Graph announced, after the webhook answered: woken by the webhook, and on a timer for what a
 * crash, a failure or a record not ready yet left. A record is first read without its sessions; one whose meeting is no
 * visit's ({@code visit_meeting}, by join URL and the tenant's organizer) is forgotten at once, nothing of it kept or
 * logged. A visit's record is read with its sessions, summed up per participant ({@link CallQualityFigures}) and reported
 * ({@link CallQualityReports}) in the transaction that forgets it. Graph's 404 (Teams has not made the record yet) and
 * failures are retried with backoff, and given up with a warning {@code ehr.call-quality.give-up-after} after Graph
 * announced the record. Each replica takes due records with {@code for update skip locked}.
 */
@ApplicationScoped
public class CallRecordWorker {

    /** Records are fetched one after the other; a small batch keeps the last of them well within the lease. */
    private static final int BATCH = 5;
    /** Longer than the Graph calls of a batch (each page bounded by ehr.graph.timeout; a visit's record has a page or two). */
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(30));

    private final CallRecordFetches fetches;
    private final CallRecordReader graph;
    private final StoredVisitMeetings meetings;
    private final MeetingOrganizers organizers;
    private final CallQualityReports reports;
    private final CallQualitySettings settings;
    private final PresenceSettings presence;
    private final Detached detached;

    CallRecordWorker(CallRecordFetches fetches, CallRecordReader graph, StoredVisitMeetings meetings,
                     MeetingOrganizers organizers, CallQualityReports reports, CallQualitySettings settings,
                     PresenceSettings presence, Detached detached) {
        this.fetches = fetches;
        this.graph = graph;
        this.meetings = meetings;
        this.organizers = organizers;
        this.reports = reports;
        this.settings = settings;
        this.presence = presence;
        this.detached = detached;
    }

    /** Fetches what is due soon on this replica, without waiting for the next tick. */
    void wake() {
        detached.run("call record worker", this::processDue);
    }

    @Scheduled(every = "${ehr.call-quality.worker-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> tick() {
        if (!settings.active(presence)) {
            return Uni.createFrom().voidItem();
        }
        return processDue()
                .onFailure().invoke(e -> Log.warnf("call record worker failed, will retry: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Handles up to one batch of due call records; returns how many it took. */
    public Uni<Integer> processDue() {
        OffsetDateTime now = now();
        return Panache.withTransaction(() -> fetches.claimDue(now, now.plus(LEASE), BATCH))
                .flatMap(claimed -> each(claimed, this::process).replaceWith(claimed.size()));
    }

    private Uni<Void> process(CallRecordFetch fetch) {
        return graph.summary(fetch.tenantId, fetch.callRecordId)
                .flatMap(record -> Panache.withSession(() -> visitMeetingOf(fetch.tenantId, record))
                        .flatMap(meeting -> meeting == null ? forget(fetch) : report(fetch, record, meeting)))
                .onFailure().recoverWithUni(failure -> failed(fetch, failure));
    }

    /** The visit meeting the call was held in, or null: a call the connector has nothing to do with. */
    private Uni<StoredVisitMeeting> visitMeetingOf(String tenantId, CallRecord record) {
        if (record == null || record.getJoinWebUrl() == null || record.getJoinWebUrl().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        String organizer;
        try {
            organizer = organizers.organizerOf(tenantId);
        } catch (NoOrganizerException noLongerServed) {
            return Uni.createFrom().nullItem();
        }
        return meetings.findByJoinWebUrl(record.getJoinWebUrl(), organizer);
    }

    private Uni<Void> report(CallRecordFetch fetch, CallRecord record, StoredVisitMeeting meeting) {
        return graph.sessions(fetch.tenantId, fetch.callRecordId)
                .map(CallQualityFigures::of)
                .flatMap(participants -> Panache.withTransaction(() -> fetches.lock(fetch.key()).flatMap(row -> row == null
                        ? Uni.createFrom().voidItem()
                        : reports.report(fetch.tenantId, meeting, record, participants).chain(() -> fetches.delete(row)))));
    }

    private Uni<Void> forget(CallRecordFetch fetch) {
        return Panache.withTransaction(() -> fetches.forget(fetch.key()));
    }

    private Uni<Void> failed(CallRecordFetch fetch, Throwable failure) {
        OffsetDateTime now = now();
        boolean unusable = failure instanceof UnusableCallRecordException;
        return Panache.withTransaction(() -> fetches.lock(fetch.key()).flatMap(row -> {
                    if (row == null) {
                        return Uni.createFrom().voidItem();
                    }
                    row.attempts++;
                    row.lastError = GraphFailures.storedReason(failure);
                    if (unusable || !now.isBefore(row.receivedAt.plus(settings.giveUpAfter()))) {
                        Log.warnf("call quality: gave up on a call record of tenant %s after %d attempts (%s)",
                                row.tenantId, row.attempts, row.lastError);
                        return fetches.delete(row);
                    }
                    row.dueAt = now.plus(BACKOFF.after(row.attempts));
                    if (GraphFailures.status(failure) != 404) {
                        Log.warnf("call quality: a call record of tenant %s not fetched, attempt %d (%s)", row.tenantId,
                                row.attempts, row.lastError);
                    }
                    return Uni.createFrom().voidItem();
                }))
                .onFailure().invoke(e -> Log.warnf("call quality: recording a failure failed: %s", Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
