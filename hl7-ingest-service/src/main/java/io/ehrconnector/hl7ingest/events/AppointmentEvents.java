package io.ehrconnector.hl7ingest.events;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.EncryptedPhone;
import io.ehrconnector.events.Topics;
import io.ehrconnector.hl7ingest.siu.SiuAppointment;
import io.ehrconnector.hl7ingest.siu.SiuHeader;
import io.ehrconnector.support.phone.PhoneCipher;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Turns a read SIU message into the appointment event hl7-ingest-service publishes. Its id is the same for the same message
 * (configuration, sender and MSH-10), so a message resent after a crash that lost its ACK gives a copy consumers drop; the
 * patient's numbers are encrypted here, bound to {@link PhoneCipher#appointmentContext}, and never leave the service in clear.
 */
public final class AppointmentEvents {

    static final URI SOURCE = CloudEvent.serviceSource("hl7-ingest-service");

    private AppointmentEvents() {
    }

    public static CloudEvent<AppointmentEvent> of(String configurationId, SiuHeader header, SiuAppointment appointment,
                                                  PhoneCipher cipher, OffsetDateTime now) {
        String context = PhoneCipher.appointmentContext(configurationId, appointment.appointmentId());
        List<EncryptedPhone> phones = appointment.phones().stream()
                .map(phone -> cipher.encrypt(phone.use(), phone.e164(), context))
                .toList();
        AppointmentEvent data = new AppointmentEvent(configurationId, appointment.appointmentId(), appointment.start(),
                appointment.end(), appointment.status(), appointment.departmentId(), appointment.providerIds(), phones,
                appointment.language(), header.controlId(), header.sendingApplication(), header.sendingFacility());
        String id = CloudEvent.deterministicId(appointment.eventType(), configurationId,
                Objects.toString(header.sendingApplication(), ""), Objects.toString(header.sendingFacility(), ""),
                header.controlId());
        return CloudEvent.of(appointment.eventType(), id, SOURCE, appointment.appointmentId(), now, data);
    }

    /** The record key: one appointment's events stay in order on one partition. */
    public static String key(CloudEvent<AppointmentEvent> event) {
        return Topics.visitKey(event.data().configurationId(), event.data().appointmentId());
    }
}
