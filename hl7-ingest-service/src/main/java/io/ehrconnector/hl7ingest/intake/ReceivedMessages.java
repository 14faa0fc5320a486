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
 * prepared statements on the reactive pool: two small statements per message are on the hot path of every ACK.
 */
@ApplicationScoped
public class ReceivedMessages {

    private final Pool pool;

    ReceivedMessages(Pool pool) {
        this.pool = pool;
    }

    /** Whether this configuration already acknowledged this sender's message {@code controlId}. */
    public Uni<Boolean> seen(String configurationId, String sendingApplication, String sendingFacility, String controlId) {
        return pool.preparedQuery("select 1 from received_message where configuration_id = $1 and sending_application = $2"
                        + " and sending_facility = $3 and control_id = $4")
                .execute(Tuple.of(configurationId, orEmpty(sendingApplication), orEmpty(sendingFacility), controlId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> record(String configurationId, String sendingApplication, String sendingFacility, String controlId,
                            String eventId) {
        return pool.preparedQuery("insert into received_message (configuration_id, sending_application, sending_facility,"
                        + " control_id, event_id, received_at) values ($1, $2, $3, $4, $5, $6) on conflict do nothing")
                .execute(Tuple.of(configurationId, orEmpty(sendingApplication), orEmpty(sendingFacility), controlId, eventId,
                        OffsetDateTime.now(ZoneOffset.UTC)))
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
