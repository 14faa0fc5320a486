package io.ehrconnector.audit.writeback;

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
 * A FHIR server's token endpoint, from its {@code .well-known/smart-configuration} (SMART Backend Services discovery), reused
 * for {@code ehr.fhir.discovery-cache-time}. The endpoint must be https on the FHIR server's host (or an allowed one): the
 * connector's signed client assertion goes there.
 */
@ApplicationScoped
class BackendDiscovery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BYTES = 256 * 1024;

    private final WriteBackHttp http;
    private final EhrConnection settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    BackendDiscovery(WriteBackHttp http, EhrConnection settings) {
        this.http = http;
        this.settings = settings;
    }

    private record Cached(URI tokenEndpoint, Instant until) {
    }

    Uni<URI> tokenEndpointOf(String fhirBaseUrl) {
        Cached cached = cache.get(fhirBaseUrl);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return Uni.createFrom().item(cached.tokenEndpoint());
        }
        return http.client().getAbs(EhrEndpoints.stripSlash(fhirBaseUrl) + "/.well-known/smart-configuration")
                .putHeader("Accept", "application/json")
                .as(BodyCodec.<byte[]>newInstance(new LimitedBodyCodec(MAX_BYTES)))
                .send()
                .ifNoItem().after(settings.requestTimeout()).fail()
                .onFailure().transform(failure -> new WriteBackException(WriteFailure.retry("smart-configuration "
                        + failure.getClass().getSimpleName())))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new WriteBackException(WriteFailure.retry("smart-configuration HTTP " + response.statusCode()));
                    }
                    URI token = EhrEndpoints.allowed(fhirBaseUrl, parse(response.body()).path("token_endpoint").asText(""),
                                    settings.tokenEndpointHosts().orElse(List.of()))
                            .orElseThrow(() -> new WriteBackException(WriteFailure.retry("smart-configuration names no"
                                    + " token_endpoint that is https on the FHIR server's host")));
                    cache.put(fhirBaseUrl, new Cached(token, clock.instant().plus(settings.discoveryCacheTime())));
                    return token;
                });
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new WriteBackException(WriteFailure.retry("smart-configuration is not JSON"));
        }
    }
}
