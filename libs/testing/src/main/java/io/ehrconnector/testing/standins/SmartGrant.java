package io.ehrconnector.testing.standins;

import java.util.Map;

/** What an authorization code of the EHR stand-in stands for, from the authorize request to the token exchange. */
record SmartGrant(String clientId, String redirectUri, String scope, String codeChallenge, String nonce,
                  EhrUser user, Map<String, Object> context) {
}
