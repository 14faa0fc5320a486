package io.ehrconnector.testing.standins;

/**
 * What an Entra authorization code or refresh token stands for.
 *
 * @param challengeMethod PKCE method, or {@code null} when the client sent no code_challenge
 */
record EntraGrant(String clientId, String redirectUri, String scope, String codeChallenge, String challengeMethod,
                  String nonce, EntraUser user) {
}
