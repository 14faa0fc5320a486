package io.ehrconnector.sms.appointments;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.support.NativeSql;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** The {@code sms_appointment} table. */
@ApplicationScoped
public class SmsAppointmentRepository implements PanacheRepositoryBase<SmsAppointment, AppointmentKey> {

    /** The appointment as known before, locked for this transaction (a second replica's event for it waits), or null. */
    public Uni<SmsAppointment> findForUpdate(String configurationId, String appointmentId) {
        return NativeSql.list("select * from sms_appointment where configuration_id = ?1 and appointment_id = ?2 for update",
                SmsAppointment.class, configurationId, appointmentId).map(rows -> rows.isEmpty() ? null : rows.getFirst());
    }

    /** Stores the appointment as this event leaves it. */
    public Uni<Integer> store(AppointmentEvent event, OffsetDateTime now) {
        return NativeSql.update("insert into sms_appointment (configuration_id, appointment_id, starts_at, ends_at, status,"
                        + " language, updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (configuration_id,"
                        + " appointment_id) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at,"
                        + " status = excluded.status, language = excluded.language, updated_at = excluded.updated_at",
                event.configurationId(), event.appointmentId(), event.start(), event.end(), event.status().name(),
                event.patientLanguage(), now);
    }
}
