package io.ehrconnector.config.service;

import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.config.config.ConnectorConfig;
import io.ehrconnector.config.config.PublicUrl;
import io.ehrconnector.config.entity.ConfigurationStatus;
import io.ehrconnector.config.entity.FhirConfiguration;
import io.ehrconnector.config.service.IntegrationRecord.Field;
import io.ehrconnector.config.service.IntegrationRecord.Kind;
import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Builds the five integration records of an approved configuration from the connector's own addresses and Epic app
 * registrations. Every launch, join and device-test URL carries the environment in its path ({@code /launch/test/...},
 * {@code /launch/production/...}), so a record copied into the wrong Epic environment is refused at launch with a message
 * naming both environments, instead of failing later as "configuration not found".
 */
@ApplicationScoped
public class IntegrationRecords {

    private final ConnectorConfig connector;
    private final PublicUrl publicUrl;

    IntegrationRecords(ConnectorConfig connector, PublicUrl publicUrl) {
        this.connector = connector;
        this.publicUrl = publicUrl;
    }

    /** The records of {@code c}; only an approved configuration has records. */
    public List<IntegrationRecord> of(FhirConfiguration c) {
        if (c.status != ConfigurationStatus.APPROVED) {
            throw new LifecycleViolation(LifecycleViolation.Kind.WRONG_STATE, "Integration records are shown once the named"
                    + " analyst has validated and approved this FHIR base URL.");
        }
        String env = EnvironmentPaths.segment(c.environment);
        String base = publicUrl.base();
        ConnectorConfig.EpicClients clients = c.environment == Environment.PRODUCTION ? connector.production() : connector.test();
        String environmentNote = "Only for the Epic " + env + " environment (" + c.fhirBaseUrl + ").";
        String redirect = base + "/launch/callback";
        String jwks = base + "/jwks/" + env;
        return List.of(
                new IntegrationRecord(Kind.PROVIDER_LAUNCH, "Provider launch",
                        "Starts the visit from Hyperspace, Haiku or Canto and takes the clinician into the Teams meeting.",
                        List.of(new Field("Launch URL", base + "/launch/" + env + "/provider", environmentNote),
                                new Field("Client ID", clients.providerClientId(), "The connector's provider app in Epic."),
                                new Field("Redirect URI", redirect, null),
                                new Field("Launch type", "SMART on FHIR EHR launch", null),
                                new Field("Additional parameters", "sessionId=%CSN%", "The encounter (CSN) names the visit."),
                                new Field("Launch URL for group visits", base + "/launch/" + env + "/group",
                                        "The same app and client ID; a second launch record for group visits."),
                                new Field("Additional parameters for group visits", "sessionId=%CONFERENCEID%",
                                        "Every participant of a group visit shares the conference id, so they share one meeting."),
                                new Field("JWK Set URL", jwks, "The connector's public keys for this environment."))),
                new IntegrationRecord(Kind.PATIENT_LAUNCH, "Patient launch",
                        "Lets the patient join from MyChart in the browser, without an account or an install.",
                        List.of(new Field("Launch URL", base + "/launch/" + env + "/patient", environmentNote),
                                new Field("Client ID", clients.patientClientId(), "The connector's patient app in Epic."),
                                new Field("Redirect URI", redirect, null),
                                new Field("Launch type", "SMART on FHIR EHR launch (MyChart)", null),
                                new Field("Additional parameters", "sessionId=%CSN%", null),
                                new Field("JWK Set URL", jwks, null))),
                new IntegrationRecord(Kind.SMS_DIRECT, "SMS direct link",
                        "The link in the connector's texts: one click takes the patient to the visit's lobby.",
                        List.of(new Field("Join link", base + "/v/{token}", "The connector fills in a signed token per "
                                        + "appointment; nothing to enter per visit."),
                                new Field("Environment", env, environmentNote))),
                new IntegrationRecord(Kind.SMS_CONFIGURATION, "SMS configuration (HL7 scheduling interface)",
                        "Sends the appointment and the patient's phone number so the connector can text confirmations and reminders.",
                        List.of(new Field("MLLP host", connector.mllpHost(), null),
                                new Field("MLLP port", Integer.toString(connector.mllpPort()), null),
                                new Field("HTTPS endpoint", base + "/hl7/" + env, "Instead of MLLP, if your interface engine"
                                        + " posts HL7 over HTTPS (signed, see the certificate upload)."),
                                new Field("Receiving application (MSH-5)",
                                        ConfigurationSnapshot.hl7ReceivingApplication(c.id),
                                        "Says which FHIR base URL a message is for when several URLs of this environment share"
                                                + " one interface (the EHR certificate)."),
                                new Field("Message types", "SIU^S12, SIU^S13, SIU^S14, SIU^S15, SIU^S17, SIU^S26", null),
                                new Field("Patient phone", "PID-13 (mobile preferred)", null))),
                new IntegrationRecord(Kind.DEVICE_TEST, "Device test",
                        "A page where patients and clinicians check camera, microphone, speaker and browser before a visit.",
                        List.of(new Field("Device test URL", base + "/device-test/" + env + "/" + c.id, environmentNote))));
    }
}
