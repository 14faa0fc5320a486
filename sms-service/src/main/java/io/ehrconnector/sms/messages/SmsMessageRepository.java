package io.ehrconnector.sms.messages;

import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The {@code sms_message} table: planned texts, their claims by a sending replica and their outcomes. */
@ApplicationScoped
public class SmsMessageRepository implements PanacheRepository<SmsMessage> {

    /**
     * Adds a planned text unless the same text (same repeatability id) is already there; a WITHDRAWN one comes back (a visit
     * moved away and back). True when the row was added or revived.
     */
    public Uni<Boolean> addPlanned(SmsMessage message) {
        return NativeSql.update("insert into sms_message (configuration_id, appointment_id, message_type, reminder_offset_s,"
                        + " occasion, repeatability_id, sending_number, due_at, not_before, state, reason, created_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10, ?11)"
                        + " on conflict (repeatability_id) do update set state = excluded.state, reason = excluded.reason,"
                        + " sending_number = excluded.sending_number, due_at = excluded.due_at,"
                        + " not_before = excluded.not_before where sms_message.state = 'WITHDRAWN'",
                message.configurationId, message.appointmentId, message.messageType.name(), message.reminderOffsetSeconds,
                message.occasion, message.repeatabilityId, message.sendingNumber, message.dueAt, message.state.name(),
                message.reason == null ? null : message.reason.name(), message.createdAt)
                .map(changed -> changed == 1);
    }

    /**
     * Withdraws an appointment's pending texts: reminders for any other visit start than {@code keepReminderOccasion} (all of
     * them when null), and confirmations when {@code confirmations}.
     */
    public Uni<Integer> withdrawPending(String configurationId, String appointmentId, String keepReminderOccasion,
                                        boolean confirmations) {
        return NativeSql.update("update sms_message set state = 'WITHDRAWN' where configuration_id = ?1"
                        + " and appointment_id = ?2 and state = 'PENDING' and (case when message_type = 'REMINDER'"
                        + " then (cast(?3 as varchar) is null or occasion <> cast(?3 as varchar)) else ?4 end)",
                configurationId, appointmentId, keepReminderOccasion, confirmations);
    }

    /** The sending numbers that have due texts. */
    public Uni<List<String>> dueSendingNumbers() {
        return NativeSql.list("select distinct sending_number from sms_message where state = 'PENDING'"
                + " and not_before <= now()", String.class);
    }

    /**
     * Takes up to {@code limit} due pending texts of one sending number for this replica: their {@code not_before} moves a
     * lease ahead (so no other replica takes them meanwhile, and a crash lets them come due again) and their attempt count
     * goes up. Rows another replica is claiming are skipped.
     */
    public Uni<List<SmsMessage>> claim(String sendingNumber, int limit, Duration lease) {
        return NativeSql.list("update sms_message m set not_before = now() + make_interval(secs => ?3),"
                + " attempts = m.attempts + 1 from (select id from sms_message where state = 'PENDING'"
                + " and sending_number = ?1 and not_before <= now() order by not_before limit ?2 for update skip locked) due"
                + " where m.id = due.id returning m.*", SmsMessage.class, sendingNumber, limit, (double) lease.toSeconds());
    }

    /** Settles a text (SENT, FAILED or NOT_SENT); a text that was withdrawn meanwhile but still went out is SENT. */
    public Uni<Integer> settle(long id, MessageState state, SmsDelivery.Reason reason, String providerMessageId,
                               OffsetDateTime at) {
        return NativeSql.update("update sms_message set state = ?2, reason = ?3, provider_message_id = ?4,"
                        + " sent_at = case when ?2 = 'SENT' then ?5 else sent_at end where id = ?1"
                        + " and (state = 'PENDING' or ?2 = 'SENT')",
                id, state.name(), reason == null ? null : reason.name(), providerMessageId, at);
    }

    /** Puts a claimed text back to wait until {@code notBefore} (a retry after a temporary failure, or another number). */
    public Uni<Integer> retryAt(long id, OffsetDateTime notBefore, String sendingNumber) {
        return NativeSql.update("update sms_message set not_before = ?2, sending_number = ?3 where id = ?1"
                + " and state = 'PENDING'", id, notBefore, sendingNumber);
    }

    /**
     * The text a delivery report is about, locked for the transaction (so the report's announcement is enqueued after the
     * one of the send): by ACS's message id, or by the tag the text was sent with (its repeatability id), which also finds a
     * text whose acceptance was not recorded yet. Null when unknown.
     */
    public Uni<SmsMessage> findReported(String providerMessageId, UUID repeatabilityId) {
        return NativeSql.list("select * from sms_message where provider_message_id = ?1 or repeatability_id = ?2 limit 1"
                        + " for update", SmsMessage.class, providerMessageId, repeatabilityId)
                .map(rows -> rows.isEmpty() ? null : rows.getFirst());
    }
}
