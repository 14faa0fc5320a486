package io.ehrconnector.support.ehr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

import java.time.Duration;

/**
 * Token requests at an EHR's token endpoint, the client authenticated by a {@code private_key_jwt} assertion (RFC 7523): a
 * SMART authorization code exchange (authorization code + PKCE), or a SMART Backend Services client credentials grant. The
 * answer's tokens are the caller's to read and drop; nothing here keeps or logs them.
 */
public final class SmartCodeExchange {

    /** A token response is a few KB; an endless one must not fill the memory. */
    public static final int MAX_RESPONSE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private SmartCodeExchange() {
    }

    /**
     * The token endpoint's answer.
     *
     * @param body the JSON body (empty object when there was none or it was not JSON); holds tokens when {@link #accepted()}
     */
    public record Answer(int status, ObjectNode body) {

        public boolean accepted() {
            return status == 200 && body.hasNonNull("access_token");
        }

        /**
         * The OAuth error code of a refusal (e.g. {@code invalid_client}), {@code http_<status>} when the body names none
         * that looks like one, {@code token_endpoint_unreachable} when there was no answer. Safe to log and show.
         */
        public String error() {
            if (status == 0) {
                return "token_endpoint_unreachable";
            }
            String error = body.path("error").asText("");
            return error.matches("[a-z_]{1,64}") ? error : "http_" + status;
        }

        static Answer unreachable() {
            return new Answer(0, JSON.createObjectNode());
        }
    }

    /**
     * Posts the code exchange; a timeout or a failed connection yields {@link Answer#unreachable()}, never a failed Uni.
     * {@code client} must have {@link LimitedBodyCodec#install} applied.
     */
    public static Uni<Answer> exchange(WebClient client, String tokenEndpoint, String code, String redirectUri,
                                       String codeVerifier, String clientId, String clientAssertion, Duration timeout) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri)
                .add("code_verifier", codeVerifier)
                .add("client_id", clientId)
                .add("client_assertion_type", JWT_BEARER)
                .add("client_assertion", clientAssertion);
        return post(client, tokenEndpoint, form, timeout);
    }

    /**
     * Asks for a SMART Backend Services access token ({@code client_credentials} with {@code scope}, e.g.
     * {@code system/AuditEvent.c}); a timeout or a failed connection yields {@link Answer#unreachable()}, never a failed Uni.
     * {@code client} must have {@link LimitedBodyCodec#install} applied.
     */
    public static Uni<Answer> clientCredentials(WebClient client, String tokenEndpoint, String scope, String clientAssertion,
                                                Duration timeout) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "client_credentials")
                .add("scope", scope)
                .add("client_assertion_type", JWT_BEARER)
                .add("client_assertion", clientAssertion);
        return post(client, tokenEndpoint, form, timeout);
    }

    private static Uni<Answer> post(WebClient client, String tokenEndpoint, MultiMap form, Duration timeout) {
        return client.postAbs(tokenEndpoint).putHeader("Accept", "application/json")
                .as(BodyCodec.<byte[]>newInstance(new LimitedBodyCodec(MAX_RESPONSE_BYTES)))
                .sendForm(form)
                .ifNoItem().after(timeout).fail()
                .map(response -> new Answer(response.statusCode(), parse(response.body())))
                .onFailure().recoverWithItem(failure -> Answer.unreachable());
    }

    private static ObjectNode parse(byte[] body) {
        try {
            JsonNode node = body == null ? null : JSON.readTree(body);
            return node instanceof ObjectNode object ? object : JSON.createObjectNode();
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }
}
