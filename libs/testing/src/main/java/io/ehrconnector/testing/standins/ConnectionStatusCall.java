package io.ehrconnector.testing.standins;

import java.time.Instant;

/**
 * A call of Epic's telehealth SetExternalConnectionStatus web service the EHR stand-in accepted.
 *
 * @param clientId         the {@code Epic-Client-ID} header, which Epic requires of every vendor call
 * @param tokenClientId    the client the bearer token was issued to
 * @param scope            the token's scope
 * @param conferenceId     the visit (for a context-aware link, its CSN)
 * @param externalId       who connected or disconnected, as the vendor identifies them
 * @param externalIdType   the kind of id {@code externalId} is
 * @param vendorName       the telehealth vendor's name
 * @param connectionStatus the status code
 */
public record ConnectionStatusCall(Instant receivedAt, String clientId, String tokenClientId, String scope,
                                   String conferenceId, String externalId, String externalIdType, String vendorName,
                                   String connectionStatus) {
}
