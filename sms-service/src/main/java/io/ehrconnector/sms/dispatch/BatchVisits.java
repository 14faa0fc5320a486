package io.ehrconnector.sms.dispatch;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.sms.appointments.AppointmentKey;
import io.ehrconnector.sms.appointments.SmsAppointment;
import io.ehrconnector.sms.appointments.SmsAppointmentRepository;
import io.ehrconnector.sms.appointments.SmsRecipient;
import io.ehrconnector.sms.appointments.SmsRecipientRepository;
import io.ehrconnector.sms.messages.SmsMessage;
import io.ehrconnector.support.configuration.KnownConfiguration;
import io.ehrconnector.support.configuration.KnownConfigurationRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What sending a batch of texts needs to know about their visits, read in three queries for the whole batch: the
 * appointments, the kept numbers and the configurations (each snapshot parsed once).
 */
@ApplicationScoped
class BatchVisits {

    private final SmsAppointmentRepository appointments;
    private final SmsRecipientRepository recipients;
    private final KnownConfigurationRepository configurations;

    BatchVisits(SmsAppointmentRepository appointments, SmsRecipientRepository recipients,
                KnownConfigurationRepository configurations) {
        this.appointments = appointments;
        this.recipients = recipients;
        this.configurations = configurations;
    }

    /** One text's visit: its appointment (null when gone), configuration (null when unknown), number (null when erased). */
    record Visit(SmsAppointment appointment, ConfigurationSnapshot configuration, SmsRecipient recipient) {
    }

    /** Needs the caller's reactive session. */
    Uni<Map<Long, Visit>> of(List<SmsMessage> batch) {
        List<String> configurationIds = batch.stream().map(message -> message.configurationId).distinct().toList();
        List<String> appointmentIds = batch.stream().map(message -> message.appointmentId).distinct().toList();
        String inBatch = "configurationId in ?1 and appointmentId in ?2";
        return appointments.list(inBatch, configurationIds, appointmentIds)
                .flatMap(appointmentRows -> recipients.list(inBatch, configurationIds, appointmentIds)
                        .flatMap(recipientRows -> configurations.list("configurationId in ?1", configurationIds)
                                .map(known -> visits(batch, appointmentRows, recipientRows, known))));
    }

    private static Map<Long, Visit> visits(List<SmsMessage> batch, List<SmsAppointment> appointments,
                                           List<SmsRecipient> recipients, List<KnownConfiguration> configurations) {
        Map<AppointmentKey, SmsAppointment> appointmentByKey = appointments.stream().collect(Collectors.toMap(
                appointment -> new AppointmentKey(appointment.configurationId, appointment.appointmentId),
                Function.identity()));
        Map<AppointmentKey, SmsRecipient> recipientByKey = recipients.stream().collect(Collectors.toMap(
                recipient -> new AppointmentKey(recipient.configurationId, recipient.appointmentId), Function.identity()));
        Map<String, ConfigurationSnapshot> snapshotById = configurations.stream().collect(Collectors.toMap(
                known -> known.configurationId, KnownConfiguration::snapshot));
        return batch.stream().collect(Collectors.toMap(message -> message.id, message -> {
            AppointmentKey key = new AppointmentKey(message.configurationId, message.appointmentId);
            return new Visit(appointmentByKey.get(key), snapshotById.get(message.configurationId), recipientByKey.get(key));
        }));
    }
}
