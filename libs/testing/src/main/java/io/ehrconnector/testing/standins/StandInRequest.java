package io.ehrconnector.testing.standins;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One HTTP request as a stand-in received it, whichever server (JDK HttpServer or WireMock) carried it. Tests read these
 * to assert on what a real SDK actually sent.
 *
 * @param receivedAt when it arrived
 * @param method     upper-case HTTP method
 * @param rawPath    the path exactly as sent (still percent-encoded)
 * @param rawQuery   the query string exactly as sent, or {@code null}
 * @param headers    request headers, names case-insensitive
 * @param body       the body bytes (empty when none)
 * @param pathParams the groups of the route pattern that matched, percent-decoded (empty until routed)
 */
public record StandInRequest(Instant receivedAt, String method, String rawPath, String rawQuery,
                             Map<String, List<String>> headers, byte[] body, List<String> pathParams) {

    public StandInRequest {
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.merge(name, List.copyOf(values),
                (first, more) -> Stream.concat(first.stream(), more.stream()).toList()));
        headers = Collections.unmodifiableMap(caseInsensitive);
        body = body == null ? new byte[0] : body;
        pathParams = pathParams == null ? List.of() : List.copyOf(pathParams);
    }

    /** The same request with the groups of the matched route attached. */
    StandInRequest withPathParams(List<String> params) {
        return new StandInRequest(receivedAt, method, rawPath, rawQuery, headers, body, params);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The percent-decoded path. */
    public String path() {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Path and query as sent on the request line (what ACS signs). */
    public String pathAndQuery() {
        return rawQuery == null ? rawPath : rawPath + "?" + rawQuery;
    }

    /** Query parameters (first value of each). */
    public Map<String, String> query() {
        return FormCodec.decode(rawQuery);
    }

    /** One query parameter, or {@code null}. */
    public String queryParam(String name) {
        return query().get(name);
    }

    /** The body parsed as application/x-www-form-urlencoded (first value of each field). */
    public Map<String, String> form() {
        return FormCodec.decode(bodyText());
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON; a JSON null node when the body is empty. */
    public JsonNode json() {
        return Json.parse(bodyText());
    }

    /** The route group at {@code index}, percent-decoded. */
    public String pathParam(int index) {
        return pathParams.get(index);
    }

    /** The token of an {@code Authorization: Bearer ...} header, if there is one. */
    public Optional<String> bearerToken() {
        String authorization = header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** The user name and password of an {@code Authorization: Basic ...} header, percent-decoded as RFC 6749 2.3.1 asks. */
    public Optional<String[]> basicCredentials() {
        String authorization = header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return Optional.of(new String[] {
                    URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return method + " " + pathAndQuery();
    }
}
