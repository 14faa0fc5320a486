package io.ehrconnector.testing.standins;

import java.util.LinkedHashMap;
import java.util.Map;

/** OAuth 2.0 error answers: token endpoint JSON (RFC 6749 5.2) and authorization error redirects (4.1.2.1, RFC 9207). */
final class OAuthErrors {

    private OAuthErrors() {
    }

    /** A token endpoint error; 400 except invalid_client, which is 401. */
    static EarlyResponse token(String error, String description) {
        int status = "invalid_client".equals(error) ? 401 : 400;
        StandInResponse response = StandInResponse.json(status, Map.of("error", error, "error_description", description))
                .withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
        if (status == 401) {
            response = response.withHeader("WWW-Authenticate", "Basic realm=\"token\"");
        }
        return new EarlyResponse(response);
    }

    /** An authorization error sent back to the client's redirect URI, with state and iss. */
    static StandInResponse redirect(String redirectUri, String error, String description, String state, String issuer) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        params.put("state", state);
        params.put("iss", issuer);
        return StandInResponse.redirect(FormCodec.appendQuery(redirectUri, params));
    }

    /**
     * An authorization error shown to the user instead of redirecting: RFC 6749 4.1.2.1 forbids redirecting when the
     * client or its redirect URI cannot be trusted.
     */
    static StandInResponse page(String error, String description) {
        return StandInResponse.html(400, Html.page("Sign-in error",
                "<p><code>" + Html.escape(error) + "</code></p><p>" + Html.escape(description) + "</p>"));
    }
}
