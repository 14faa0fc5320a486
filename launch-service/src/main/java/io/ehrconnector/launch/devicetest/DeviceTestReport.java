package io.ehrconnector.launch.devicetest;

import io.ehrconnector.events.DeviceTestReported.BrowserCheck;
import io.ehrconnector.events.DeviceTestReported.DeviceCheck;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * What the device-test page sends once all four checks have an outcome. Outcomes only: no device names, labels or ids
 * (fingerprinting data) are part of it, and a body with any other field is refused.
 *
 * @param appointmentId the EHR's id of the appointment, when the page was opened with {@code ?appointment=<id>}
 */
public record DeviceTestReport(
        @NotNull DeviceCheck camera,
        @NotNull DeviceCheck microphone,
        @NotNull DeviceCheck speaker,
        @NotNull BrowserCheck browser,
        @Pattern(regexp = APPOINTMENT_ID, message = "must be an appointment id: 1 to 64 letters, digits, '.', '_' or '-'")
        String appointmentId) {

    static final String APPOINTMENT_ID = "[A-Za-z0-9._-]{1,64}";
}
