package io.ehrconnector.support.links;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What an SMS join link ({@code <public-url>/v/<token>}) opens: the visit of {@code appointmentId} in configuration
 * {@code configurationId}, until {@code expiresAt}.
 *
 * @param configurationId the configuration's UUID; kept in its canonical lower-case form
 * @param appointmentId   the EHR's id of the appointment, as the appointment events carry it (Epic: the visit's CSN), 1 to
 *                        {@value #MAX_APPOINTMENT_ID_BYTES} bytes of UTF-8, not blank
 * @param expiresAt       when the link stops working; a token keeps whole minutes, so {@link JoinLinkTokens#verify} gives it
 *                        back rounded up to the next minute
 */
public record JoinLink(String configurationId, String appointmentId, Instant expiresAt) {

    /** The longest appointment id a link carries; Epic's CSNs and appointment ids are far shorter. */
    public static final int MAX_APPOINTMENT_ID_BYTES = 64;

    public JoinLink {
        Objects.requireNonNull(configurationId, "configurationId");
        Objects.requireNonNull(appointmentId, "appointmentId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        configurationId = UUID.fromString(configurationId).toString();
        int bytes = appointmentId.getBytes(StandardCharsets.UTF_8).length;
        if (appointmentId.isBlank() || bytes > MAX_APPOINTMENT_ID_BYTES) {
            throw new IllegalArgumentException("a join link's appointment id is 1 to " + MAX_APPOINTMENT_ID_BYTES
                    + " bytes of UTF-8, not blank (this one has " + bytes + ")");
        }
    }
}
