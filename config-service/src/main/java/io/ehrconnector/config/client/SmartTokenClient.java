package io.ehrconnector.config.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * Exchanges a SMART authorization code at an EHR's token endpoint (authorization code + PKCE, client authenticated by a
 * private_key_jwt assertion). The tokens are never kept or logged: the caller only learns whether Epic accepted, or which
 * OAuth error it gave.
 */
@ApplicationScoped
public class SmartTokenClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A token response is a few KB; an endless one must not fill the memory. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private final WebClient client;

    SmartTokenClient(Vertx vertx, FhirClientConfig config) {
        WebClientOptions options = new WebClientOptions()
                .setConnectTimeout((int) config.probe().connectTimeout().toMillis())
                .setIdleTimeout((int) config.probe().idleTimeout().toSeconds())
                .setFollowRedirects(false)
                .setUserAgent("ehr-connector");
        FhirTrust.trustOptions(config.trustStore()).ifPresent((TrustOptions trust) -> options.setTrustOptions(trust));
        this.client = WebClient.create(vertx, options);
        LimitedBodyCodec.install(client.getDelegate());
    }

    /** The outcome of a code exchange: accepted, or the OAuth error code (e.g. invalid_client) Epic answered with. */
    public record Outcome(boolean accepted, String error) {
    }

    public Uni<Outcome> exchange(String tokenEndpoint, String code, String redirectUri, String codeVerifier,
                                 String clientId, String clientAssertion) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("grant_type", "authorization_code")
                .add("code", code)
                .add("redirect_uri", redirectUri)
                .add("code_verifier", codeVerifier)
                .add("client_id", clientId)
                .add("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .add("client_assertion", clientAssertion);
        return client.postAbs(tokenEndpoint).putHeader("Accept", "application/json")
                .as(BodyCodec.<byte[]>newInstance(new LimitedBodyCodec(MAX_RESPONSE_BYTES)))
                .sendForm(form)
                .ifNoItem().after(TIMEOUT).fail()
                .map(response -> {
                    JsonNode body = parse(response.body());
                    if (response.statusCode() == 200 && body.hasNonNull("access_token")) {
                        return new Outcome(true, null);
                    }
                    String error = body.path("error").asText("");
                    return new Outcome(false, error.matches("[a-z_]{1,64}") ? error : "http_" + response.statusCode());
                })
                .onFailure().recoverWithItem(failure -> new Outcome(false, "token_endpoint_unreachable"));
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body == null ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
