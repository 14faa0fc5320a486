package io.ehrconnector.support.events;

import io.ehrconnector.events.AppointmentEvent;
import io.ehrconnector.events.CallQualityReported;
import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConnectorKeyRing;
import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.DeviceTestReported;
import io.ehrconnector.events.EncryptedPhone;
import io.ehrconnector.events.ParticipantPresence;
import io.ehrconnector.events.SmsDelivery;
import io.ehrconnector.events.VisitLaunched;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers every event class for reflection in native images: {@code CloudEventCodec} (plain Jackson) reads and writes them
 * reflectively, which the native-image analysis cannot see. EventReflectionTest fails when an event type or a type nested in
 * one is missing here.
 */
@RegisterForReflection(targets = {
        CloudEvent.class,
        ConfigurationSnapshot.class, ConfigurationSnapshot.Environment.class, ConfigurationSnapshot.Status.class,
        ConfigurationSnapshot.SmsSettings.class, ConfigurationSnapshot.EhrCertificate.class,
        ConfigurationSnapshot.EhrCertificate.Role.class, ConfigurationSnapshot.EhrWriteBack.class,
        AppointmentEvent.class, AppointmentEvent.Status.class, EncryptedPhone.class, EncryptedPhone.Use.class,
        VisitLaunched.class, VisitLaunched.Channel.class, VisitLaunched.EhrClient.class,
        DeviceTestReported.class, DeviceTestReported.DeviceCheck.class, DeviceTestReported.BrowserCheck.class,
        ParticipantPresence.class, ParticipantPresence.Role.class,
        CallQualityReported.class, CallQualityReported.ParticipantQuality.class, CallQualityReported.MediaQuality.class,
        SmsDelivery.class, SmsDelivery.MessageType.class, SmsDelivery.Outcome.class, SmsDelivery.Reason.class,
        ConnectorKeyRing.class, ConnectorKeyRing.Key.class, ConnectorKeyRing.Key.Status.class,
        DeadLetter.class
})
public final class EventReflection {

    private EventReflection() {
    }
}
