package io.ehrconnector.launch.smart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.support.ehr.EhrEndpoints;
import io.ehrconnector.support.ehr.LimitedBodyCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and checks a FHIR server's {@code .well-known/smart-configuration}, reused for {@code ehr.fhir.discovery-cache-time}
 * (a launch must not cost a discovery round trip). Only an approved configuration's URL is ever looked up, so the cache is
 * bounded by the number of configurations.
 */
@ApplicationScoped
public class SmartDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 256 * 1024;

    private final EhrHttp http;
    private final EhrClientSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SmartDiscovery(EhrHttp http, EhrClientSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    private record Cached(SmartEndpoints endpoints, Instant until) {
    }

    public Uni<SmartEndpoints> endpointsOf(String fhirBaseUrl) {
        Cached cached = cache.get(fhirBaseUrl);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return Uni.createFrom().item(cached.endpoints());
        }
        String url = stripSlash(fhirBaseUrl) + "/.well-known/smart-configuration";
        return http.client().getAbs(url).putHeader("Accept", "application/json")
                .as(BodyCodec.<byte[]>newInstance(new LimitedBodyCodec(MAX_BYTES)))
                .send()
                .ifNoItem().after(settings.requestTimeout()).fail()
                .onFailure().transform(failure -> LaunchRefused.ehrUnavailable("Epic's SMART configuration could not be"
                        + " read; try again in a minute. If this persists, tell your Epic analyst."))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw LaunchRefused.ehrUnavailable("Epic's SMART configuration answered HTTP "
                                + response.statusCode() + "; tell your Epic analyst.");
                    }
                    SmartEndpoints endpoints = check(fhirBaseUrl, parse(response.body()));
                    cache.put(fhirBaseUrl, new Cached(endpoints, clock.instant().plus(settings.discoveryCacheTime())));
                    return endpoints;
                });
    }

    private SmartEndpoints check(String fhirBaseUrl, JsonNode config) {
        URI authorize = endpoint(fhirBaseUrl, config, "authorization_endpoint");
        URI token = endpoint(fhirBaseUrl, config, "token_endpoint");
        URI jwks = endpoint(fhirBaseUrl, config, "jwks_uri");
        boolean s256 = false;
        for (JsonNode method : config.path("code_challenge_methods_supported")) {
            s256 |= "S256".equals(method.asText());
        }
        if (!s256) {
            throw misconfigured("does not offer PKCE with S256");
        }
        boolean authorizePost = false;
        for (JsonNode capability : config.path("capabilities")) {
            authorizePost |= "authorize-post".equals(capability.asText());
        }
        String issuer = config.path("issuer").asText(stripSlash(fhirBaseUrl));
        return new SmartEndpoints(issuer, authorize, token, jwks, authorizePost);
    }

    /**
     * An endpoint over https on the FHIR server's own host (or one the operator allowed): the connector sends its signed
     * client assertion and the authorization code there, so a tampered configuration must not point elsewhere.
     */
    private URI endpoint(String fhirBaseUrl, JsonNode config, String field) {
        return EhrEndpoints.allowed(fhirBaseUrl, config.path(field).asText(""), settings.tokenEndpointHosts().orElse(List.of()))
                .orElseThrow(() -> misconfigured("names no " + field + " that is https on the FHIR server's host"));
    }

    private static LaunchRefused misconfigured(String what) {
        return LaunchRefused.ehrUnavailable("Epic's SMART configuration " + what + "; tell your Epic analyst.");
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw misconfigured("is not JSON");
        }
    }

    static String stripSlash(String url) {
        return EhrEndpoints.stripSlash(url);
    }
}
