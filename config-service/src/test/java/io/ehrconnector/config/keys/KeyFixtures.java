package io.ehrconnector.config.keys;

import io.ehrconnector.events.EnvironmentPaths;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.testing.ServiceDatabase;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;

/** What the key tests share: running the service's Unis, resetting an environment, reading the served JWK Set. */
final class KeyFixtures {

    private KeyFixtures() {
    }

    /** Subscribes on a Vert.x context (as a request would) and waits. */
    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Forgets every key of {@code environment}, so the test starts as a fresh installation would. */
    static void reset(Environment environment) {
        ServiceDatabase.execute("delete from connector_key where environment = ?", environment.name());
    }

    static String path(Environment environment) {
        return "/jwks/" + EnvironmentPaths.segment(environment);
    }

    /** The JWK Set served over HTTP, as Epic would fetch it. */
    static JWKSet served(Environment environment) {
        String body = given().when().get(path(environment)).then().statusCode(200).extract().asString();
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new AssertionError("not a JWK Set: " + body, e);
        }
    }

    static List<String> servedKids(Environment environment) {
        return served(environment).getKeys().stream().map(JWK::getKeyID).toList();
    }

    /**
     * Verifies a client assertion as the EHR's token endpoint does (RFC 7523 3): a signature by a key of {@code keys} chosen by
     * kid (ES384 or RS384), {@code iss} = {@code sub} = {@code clientId}, {@code aud} containing {@code audience}, and
     * {@code exp}, {@code jti}, {@code iat} present, unexpired.
     */
    static JWTClaimsSet verifyAssertion(String assertion, JWKSet keys, String clientId, String audience)
            throws ParseException, BadJOSEException, com.nimbusds.jose.JOSEException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384),
                new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).build(), Set.of("exp", "jti", "iat")));
        return processor.process(assertion, null);
    }

    /** A master key other than the configured one. */
    static String randomMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Where {@code needle} starts in {@code haystack}, or -1. */
    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static String status(String kid) {
        return (String) ServiceDatabase.value("select status from connector_key where kid = ?", kid);
    }
}
