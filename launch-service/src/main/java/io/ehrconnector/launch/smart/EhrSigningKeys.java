package io.ehrconnector.launch.smart;

import com.nimbusds.jose.jwk.JWKSet;
import io.ehrconnector.support.ehr.LimitedBodyCodec;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys an EHR signs its id_tokens with, read from its {@code jwks_uri} and reused: fetched again when they are older than
 * {@link #MAX_AGE}, or when a token names a key id they lack (Epic rotated), but not more often than {@link #MIN_REFETCH}
 * so that tokens with made-up key ids cannot make the connector hammer Epic.
 */
@ApplicationScoped
public class EhrSigningKeys {

    static final Duration MAX_AGE = Duration.ofHours(1);
    static final Duration MIN_REFETCH = Duration.ofSeconds(30);
    private static final int MAX_BYTES = 256 * 1024;

    private final EhrHttp http;
    private final EhrClientSettings settings;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Fetched> byUri = new ConcurrentHashMap<>();

    EhrSigningKeys(EhrHttp http, EhrClientSettings settings) {
        this.http = http;
        this.settings = settings;
    }

    private record Fetched(JWKSet keys, Instant at) {
    }

    /** The key set at {@code jwksUri}, holding {@code keyId} if the EHR has such a key (null key id: any key set). */
    public Uni<JWKSet> keysFor(String jwksUri, String keyId) {
        Fetched fetched = byUri.get(jwksUri);
        Instant now = clock.instant();
        boolean fresh = fetched != null && now.isBefore(fetched.at().plus(MAX_AGE));
        boolean hasKey = fetched != null && (keyId == null || fetched.keys().getKeyByKeyId(keyId) != null);
        boolean mayRefetch = fetched == null || now.isAfter(fetched.at().plus(MIN_REFETCH));
        if (fresh && (hasKey || !mayRefetch)) {
            return Uni.createFrom().item(fetched.keys());
        }
        return fetch(jwksUri).invoke(keys -> byUri.put(jwksUri, new Fetched(keys, clock.instant())))
                .onFailure().recoverWithUni(failure -> fetched != null
                        ? Uni.createFrom().item(fetched.keys())
                        : Uni.createFrom().failure(failure));
    }

    private Uni<JWKSet> fetch(String jwksUri) {
        return http.client().getAbs(jwksUri).putHeader("Accept", "application/json")
                .as(BodyCodec.<byte[]>newInstance(new LimitedBodyCodec(MAX_BYTES)))
                .send()
                .ifNoItem().after(settings.requestTimeout()).fail()
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("JWKS answered HTTP " + response.statusCode());
                    }
                    try {
                        return JWKSet.parse(new String(response.body(), StandardCharsets.UTF_8));
                    } catch (java.text.ParseException e) {
                        throw new IllegalStateException("JWKS is not a JWK set", e);
                    }
                })
                .onFailure().transform(failure -> LaunchRefused.ehrUnavailable("Epic's signing keys could not be read;"
                        + " try again in a minute."));
    }
}
