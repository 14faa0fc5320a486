package io.ehrconnector.launch.smart;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.VisitLaunched.Channel;

import java.util.Arrays;
import java.util.Optional;

/** The connector's Epic apps a SMART launch can come through: its path segment, client id and the scopes it asks for. */
public enum LaunchApp {

    /** Hyperspace, Haiku and Canto: a clinician. {@code fhirUser} names the EHR user. */
    PROVIDER("provider", Channel.PROVIDER),
    /** MyChart: a patient or proxy; no EHR user id is kept. */
    PATIENT("patient", Channel.PATIENT),
    /**
     * A clinician launching a group visit through the provider app; the token response's {@code sessionId} is the
     * conference id every participant shares, so they share one meeting.
     */
    GROUP("group", Channel.GROUP);

    /** {@code launch} for the EHR launch, {@code openid fhirUser} for the id_token naming the user. */
    static final String SCOPES = "launch openid fhirUser";

    private final String pathSegment;
    private final Channel channel;

    LaunchApp(String pathSegment, Channel channel) {
        this.pathSegment = pathSegment;
        this.channel = channel;
    }

    public String pathSegment() {
        return pathSegment;
    }

    public Channel channel() {
        return channel;
    }

    /** Whether the user is a clinician of the EHR (linked to Microsoft 365, named by EHR user id in events). */
    public boolean clinician() {
        return this != PATIENT;
    }

    /** The app's client id registered in {@code environment}'s Epic. */
    String clientId(LaunchSettings settings, Environment environment) {
        LaunchSettings.EpicClients clients = environment == Environment.PRODUCTION ? settings.production() : settings.test();
        return clinician() ? clients.providerClientId() : clients.patientClientId();
    }

    static Optional<LaunchApp> ofPathSegment(String segment) {
        return Arrays.stream(values()).filter(app -> app.pathSegment.equals(segment)).findFirst();
    }
}
