package io.ehrconnector.hl7ingest.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The ledger of acknowledged messages (table received_message), for answering resends without a second event. Plain
 * prepared statements on the reactive pool: one of them is on the path of every ACK.
 */
@ApplicationScoped
public class ReceivedMessages {

    private final Pool pool;

    ReceivedMessages(Pool pool) {
        this.pool = pool;
    }

    /**
     * Claims the message for publishing: records it (unpublished) unless it is recorded already, in one statement. True when
     * its event was published before, so the message is a resend to acknowledge without a second event.
     */
    public Uni<Boolean> claim(String configurationId, String sendingApplication, String sendingFacility, String controlId,
                              String eventId) {
        return pool.preparedQuery("insert into received_message (configuration_id, sending_application, sending_facility,"
                        + " control_id, event_id, received_at, published) values ($1, $2, $3, $4, $5, $6, false)"
                        + " on conflict (configuration_id, sending_application, sending_facility, control_id)"
                        + " do update set received_at = received_message.received_at returning published")
                .execute(Tuple.of(configurationId, orEmpty(sendingApplication), orEmpty(sendingFacility), controlId, eventId,
                        OffsetDateTime.now(ZoneOffset.UTC)))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Marks the claimed message's event as published (Kafka acknowledged it). */
    public Uni<Void> published(String configurationId, String sendingApplication, String sendingFacility,
                               String controlId) {
        return pool.preparedQuery("update received_message set published = true where configuration_id = $1"
                        + " and sending_application = $2 and sending_facility = $3 and control_id = $4")
                .execute(Tuple.of(configurationId, orEmpty(sendingApplication), orEmpty(sendingFacility), controlId))
                .replaceWithVoid();
    }

    /** Forgets messages acknowledged before {@code before} (a resend after that publishes a copy consumers drop). */
    public Uni<Integer> forgetBefore(Instant before) {
        return pool.preparedQuery("delete from received_message where received_at < $1")
                .execute(Tuple.of(OffsetDateTime.ofInstant(before, ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }

    private static String orEmpty(String value) {
        return Objects.toString(value, "");
    }
}
