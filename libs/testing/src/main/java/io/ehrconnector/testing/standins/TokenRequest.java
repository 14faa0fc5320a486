package io.ehrconnector.testing.standins;

import java.time.Instant;

/**
 * A token request a stand-in authorization server received, and what became of it.
 *
 * @param receivedAt       when
 * @param grantType        {@code authorization_code}, {@code client_credentials}, {@code refresh_token}...
 * @param clientId         the authenticated client, or {@code null} when authentication failed first
 * @param clientAuthMethod {@code client_secret_basic}, {@code private_key_jwt}, {@code none}..., or {@code null}
 * @param error            the OAuth error code answered, or {@code null} when tokens were issued
 */
public record TokenRequest(Instant receivedAt, String grantType, String clientId, String clientAuthMethod, String error) {

    public boolean succeeded() {
        return error == null;
    }
}
