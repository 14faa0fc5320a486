package io.ehrconnector.sms.appointments;

import io.ehrconnector.events.EncryptedPhone;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** The {@code sms_recipient} table: the only place a patient's number is kept, encrypted, until {@code erase_at}. */
@ApplicationScoped
public class SmsRecipientRepository implements PanacheRepositoryBase<SmsRecipient, AppointmentKey> {

    public Uni<Integer> keep(String configurationId, String appointmentId, EncryptedPhone phone, OffsetDateTime eraseAt) {
        return NativeSql.update("insert into sms_recipient (configuration_id, appointment_id, phone_use, ciphertext, key_id,"
                        + " erase_at) values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (configuration_id, appointment_id) do update"
                        + " set phone_use = excluded.phone_use, ciphertext = excluded.ciphertext, key_id = excluded.key_id,"
                        + " erase_at = excluded.erase_at",
                configurationId, appointmentId, phone.use().name(), phone.ciphertext(), phone.keyId(), eraseAt);
    }

    /** Brings the erasure of a kept number forward to {@code eraseAt} (never later than it was). */
    public Uni<Integer> eraseBy(String configurationId, String appointmentId, OffsetDateTime eraseAt) {
        return NativeSql.update("update sms_recipient set erase_at = least(erase_at, ?3) where configuration_id = ?1"
                + " and appointment_id = ?2", configurationId, appointmentId, eraseAt);
    }

    public Uni<Integer> erase(String configurationId, String appointmentId) {
        return NativeSql.update("delete from sms_recipient where configuration_id = ?1 and appointment_id = ?2",
                configurationId, appointmentId);
    }

    /** Erases the number unless a text of the appointment is still pending. */
    public Uni<Integer> eraseUnlessPending(String configurationId, String appointmentId) {
        return NativeSql.update("delete from sms_recipient r where configuration_id = ?1 and appointment_id = ?2"
                + " and not exists (select 1 from sms_message m where m.configuration_id = r.configuration_id"
                + " and m.appointment_id = r.appointment_id and m.state = 'PENDING')", configurationId, appointmentId);
    }

    /** Erases every number whose time has come; returns how many. */
    public Uni<Integer> eraseDue() {
        return NativeSql.update("delete from sms_recipient where erase_at <= now()");
    }
}
