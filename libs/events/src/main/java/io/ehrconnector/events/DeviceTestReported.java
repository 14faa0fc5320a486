package io.ehrconnector.events;

import java.time.OffsetDateTime;

import static io.ehrconnector.events.ContractViolation.required;

/**
 * The outcome of one run of the device-test page (camera, microphone, speaker, browser), as the page reported it. Published by
 * launch-service on {@link Topics#VISIT_LAUNCHES}, key {@link Topics#visitKey} (the configuration id alone when the test
 * belongs to no appointment). Says nothing about who ran it.
 *
 * @param configurationId the configuration (FHIR base URL) the device test was launched through, a UUID
 * @param appointmentId   the EHR's id of the appointment the test was run for, null when it was run outside any visit
 * @param camera          outcome of the camera check
 * @param microphone      outcome of the microphone check
 * @param speaker         outcome of the speaker check
 * @param browser         whether the browser can join a Teams meeting
 * @param reportedAt      when the page reported the outcome
 */
public record DeviceTestReported(
        String configurationId,
        String appointmentId,
        DeviceCheck camera,
        DeviceCheck microphone,
        DeviceCheck speaker,
        BrowserCheck browser,
        OffsetDateTime reportedAt) {

    /** Outcome of one device check; a closed set. */
    public enum DeviceCheck {
        /** The device was found and worked. */
        PASSED,
        /** The device was found but did not work (no signal, the user said it did not work). */
        FAILED,
        /** The browser or the user refused access to the device. */
        PERMISSION_DENIED,
        /** No such device is attached. */
        NOT_FOUND,
        /** The user skipped this check. */
        NOT_TESTED
    }

    /** Outcome of the browser check; a closed set. */
    public enum BrowserCheck { SUPPORTED, UNSUPPORTED, NOT_TESTED }

    public DeviceTestReported {
        required(configurationId, "configurationId");
        required(camera, "camera");
        required(microphone, "microphone");
        required(speaker, "speaker");
        required(browser, "browser");
        required(reportedAt, "reportedAt");
    }
}
