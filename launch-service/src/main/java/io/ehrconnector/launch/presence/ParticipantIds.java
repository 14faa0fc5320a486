package io.ehrconnector.launch.presence;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The opaque ids presence publishes and keeps instead of Graph's: HMACs under the presence key, so they mean nothing outside
 * the connector and cannot be turned back into a Microsoft 365 user id.
 */
@ApplicationScoped
public class ParticipantIds {

    private static final int ID_BYTES = 16;

    private final PresenceKeys keys;

    ParticipantIds(PresenceKeys keys) {
        this.keys = keys;
    }

    /** The participant id of the events: stable for one join of one participant in one visit's meeting. */
    String participantId(String configurationId, String meetingKey, String graphParticipantId) {
        return opaque("participant", configurationId, meetingKey, graphParticipantId);
    }

    /**
     * Who a participant is, comparable within the configuration: matches a roster's participant to an attendance record
     * when the roster is resynced.
     */
    public String identityKey(String configurationId, CallIdentity identity) {
        return opaque("identity", configurationId, identity.kind().name(), String.valueOf(identity.id()));
    }

    private String opaque(String... parts) {
        byte[] mac = keys.mac(PresenceKeys.Purpose.PARTICIPANT_ID,
                String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, ID_BYTES));
    }
}
