package io.ehrconnector.launch.presence;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.CloudEventCodec;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.Topics;
import io.ehrconnector.launch.meeting.VisitMeeting;
import io.ehrconnector.launch.meeting.VisitMeetings;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.standins.EntraTenant;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** What the presence tests share: a watched visit, its subscription at Graph, and the presence events it produced. */
public final class PresenceFixtures {

    private PresenceFixtures() {
    }

    /** A visit whose meeting exists and is watched through a Graph subscription the service knows. */
    public record WatchedVisit(ConfigurationSnapshot configuration, String meetingKey, VisitMeeting meeting, String subscriptionId) {

        public String configurationId() {
            return configuration.configurationId();
        }
    }

    public static ConfigurationSnapshot configuration(EntraTenant tenant) {
        String id = UUID.randomUUID().toString();
        return new ConfigurationSnapshot(id, tenant.id(), ConfigurationSnapshot.Environment.TEST,
                "https://fhir.example.org/" + id + "/api/FHIR/R4", ConfigurationSnapshot.Status.APPROVED, 1, "Contoso",
                "America/Chicago", null, null, OffsetDateTime.now());
    }

    /** Enters a new visit (as a launch does) and waits until its subscription is made and remembered. */
    public static WatchedVisit watchedVisit(VisitMeetings meetings, GraphStandIn graph, EntraTenant tenant) {
        ConfigurationSnapshot configuration = configuration(tenant);
        String meetingKey = "CSN" + System.nanoTime();
        VisitMeeting meeting = await(() -> meetings.meetingFor(configuration, meetingKey));
        String subscriptionId = awaitSubscription(graph, configuration.configurationId(), meeting, null);
        return new WatchedVisit(configuration, meetingKey, meeting, subscriptionId);
    }

    /** Waits for a subscription to the meeting other than {@code other} at Graph, remembered by the service; its id. */
    public static String awaitSubscription(GraphStandIn graph, String configurationId, VisitMeeting meeting, String other) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            Map<String, Object> subscription = subscriptionAtGraph(graph, meeting);
            if (subscription == null || subscription.get("id").equals(other)) {
                return null;
            }
            Object remembered = ServiceDatabase.value("select subscription_id from meeting_watch where configuration_id = ?",
                    configurationId);
            return subscription.get("id").equals(remembered) ? (String) remembered : null;
        }, id -> id != null);
    }

    /** The live subscription Graph holds for the meeting, or null. */
    public static Map<String, Object> subscriptionAtGraph(GraphStandIn graph, VisitMeeting meeting) {
        return graph.subscriptions().stream()
                .filter(subscription -> String.valueOf(subscription.get("resource")).contains(meeting.joinWebUrl()))
                .findFirst().orElse(null);
    }

    /** As if the provider had signed in to Microsoft 365 on an earlier launch. */
    public static void linkProvider(String configurationId, String ehrUserId, String tenantId, String objectId) {
        ServiceDatabase.execute("insert into provider_account (configuration_id, ehr_user_id, tenant_id, m365_object_id,"
                + " linked_at, last_launch_at) values (?, ?, ?, ?, now(), now())", configurationId, ehrUserId, tenantId,
                objectId);
    }

    /** Every presence event of the configuration published so far. */
    public static List<CloudEvent<ParticipantPresence>> presenceEvents(KafkaTestClient kafka, String configurationId) {
        return kafka.readAll(Topics.VISIT_PARTICIPANTS).stream()
                .filter(record -> record.key() != null && record.key().startsWith(configurationId + "/"))
                .map(record -> CloudEventCodec.fromJson(record.value(), ParticipantPresence.class))
                .toList();
    }

    /** Waits until the configuration's presence events satisfy {@code wanted}; returns them. */
    public static List<CloudEvent<ParticipantPresence>> awaitPresenceEvents(KafkaTestClient kafka, String configurationId,
                                                                    Predicate<List<CloudEvent<ParticipantPresence>>> wanted) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> presenceEvents(kafka, configurationId), wanted::test);
    }

    /** Runs reactive code on a Vert.x context, as an endpoint would, and waits for it; failures come out unwrapped. */
    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
