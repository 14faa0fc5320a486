package io.ehrconnector.launch.presence;

import java.time.Instant;

/**
 * What a live roster link opens: the roster of the visit {@code meetingKey} of configuration {@code configurationId}, until
 * {@code expiresAt}.
 */
record LiveRosterToken(String configurationId, String meetingKey, Instant expiresAt) {
}
