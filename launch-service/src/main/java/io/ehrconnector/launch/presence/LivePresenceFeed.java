package io.ehrconnector.launch.presence;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.EventType;
import io.ehrconnector.events.MalformedEventException;
import io.ehrconnector.events.ParticipantPresence;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every presence event of the suite, as it is published, for the live rosters open on this replica. The channel
 * {@value #CHANNEL} reads the visit-participants topic in a consumer group of this replica alone, from the latest offset
 * (application.properties), so each replica sees every event whichever replica's webhook received the notification; what
 * happened before a page opened comes from the roster table. A view, not a consumer of record: nothing is committed, and a
 * record it cannot read is skipped, not dead-lettered.
 */
@ApplicationScoped
public class LivePresenceFeed {

    /** Not named after its topic, unlike the suite's consumers of record: it is a second, per-replica reader of it. */
    static final String CHANNEL = "visit-participants-live";

    /** A presence event as the live roster shows it. */
    record Change(String eventId, boolean connected, ParticipantPresence presence) {
    }

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();

    @Incoming(CHANNEL)
    void receive(String recordValue) {
        CloudEvent<ParticipantPresence> event;
        try {
            event = CloudEventCodec.fromJson(recordValue, ParticipantPresence.class);
        } catch (MalformedEventException | IllegalArgumentException unreadable) {
            Log.debugf("live roster skipped a record it cannot read: %s", unreadable.getClass().getName());
            return;
        }
        changes.onNext(new Change(event.id(), EventType.PARTICIPANT_CONNECTED.type().equals(event.type()), event.data()));
    }

    /** The changes of one visit's roster from now on. */
    Multi<Change> of(String configurationId, String meetingKey) {
        return changes.filter(change -> change.presence().configurationId().equals(configurationId)
                && change.presence().appointmentId().equals(meetingKey));
    }
}
