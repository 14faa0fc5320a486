package io.ehrconnector.config.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ehrconnector.config.keys.KeyFixtures.await;
import static io.ehrconnector.config.keys.KeyFixtures.path;
import static io.ehrconnector.config.keys.KeyFixtures.reset;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public edge Epic fetches: one JWK Set per environment, public members only, cacheable, revalidatable. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
class JwksResourceTest {

    /** Every private member a JWK may have (RFC 7518 6.2.2, 6.3.2, 6.4.1). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    @Inject
    ConnectorKeyService keys;

    @Test
    void eachEnvironmentServesThePublicPartOfItsOwnActiveKeyOnlyWithoutCredentials() {
        for (Environment environment : Environment.values()) {
            reset(environment);
        }
        String testKid = null;
        for (Environment environment : Environment.values()) {
            // No Authorization header: Epic fetches the set anonymously.
            String body = given().when().get(path(environment)).then()
                    .statusCode(200)
                    .contentType(startsWith(JwksResource.JWK_SET_JSON))
                    .extract().asString();

            List<Map<String, Object>> members = rawKeys(body);
            assertEquals(1, members.size(), body);
            assertTrue(PRIVATE_MEMBERS.stream().noneMatch(members.get(0)::containsKey), body);
            JWK jwk = parse(body).getKeys().get(0);
            String active = (String) ServiceDatabase.value(
                    "select kid from connector_key where environment = ? and status = 'ACTIVE'", environment.name());
            assertEquals(active, jwk.getKeyID());
            assertFalse(jwk.isPrivate());
            assertEquals(KeyType.EC, jwk.getKeyType());
            assertEquals(Curve.P_384, jwk.toECKey().getCurve());
            assertEquals(JWSAlgorithm.ES384, jwk.getAlgorithm());
            assertEquals(KeyUse.SIGNATURE, jwk.getKeyUse());
            // The public key served is the public half of the key that signs.
            assertEquals(jwk.toJSONObject(), await(() -> keys.activeSigningKey(environment)).publicJwk().toJSONObject());
            if (environment == Environment.TEST) {
                testKid = active;
            } else {
                assertNotEquals(testKid, active, "test and production have different keys");
            }
        }
    }

    @Test
    void aClientAskingForPlainJsonGetsJson() {
        given().accept("application/json").when().get("/jwks/production").then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("keys[0].kty", equalTo("EC"));
    }

    @Test
    void theSetIsCacheableForFiveMinutesAndRevalidatesWithItsEtag() {
        ExtractableResponse<Response> first = given().when().get("/jwks/production").then()
                .statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=300"))
                .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{43}\""))
                .extract();
        String etag = first.header("ETag");

        given().header("If-None-Match", etag).when().get("/jwks/production").then()
                .statusCode(304)
                .header("ETag", equalTo(etag))
                .header("Cache-Control", equalTo("public, max-age=300"))
                .body(emptyString());
        given().header("If-None-Match", "\"stale\", " + etag).when().get("/jwks/production").then().statusCode(304);
        given().header("If-None-Match", "\"stale\"").when().get("/jwks/production").then()
                .statusCode(200)
                .body(equalTo(first.asString()));
        // Another environment's tag does not match.
        given().header("If-None-Match", etag).when().get("/jwks/test").then().statusCode(200);

        // A rotation changes the set, hence the tag: a revalidating cache gets the new set at once.
        reset(Environment.PRODUCTION);
        given().when().get("/jwks/production").then().statusCode(200);
        String before = given().when().get("/jwks/production").then().extract().header("ETag");
        await(() -> keys.rotate(Environment.PRODUCTION));
        ExtractableResponse<Response> after = given().header("If-None-Match", before).when().get("/jwks/production").then()
                .statusCode(200).extract();
        assertNotEquals(before, after.header("ETag"));
        assertEquals(2, parse(after.asString()).getKeys().size());
    }

    @Test
    void anUnknownEnvironmentIsA404ProblemAndCreatesNothing() {
        long keysBefore = countKeys();
        for (String unknown : List.of("staging", "TEST", "prod", "test2")) {
            given().when().get("/jwks/" + unknown).then()
                    .statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://ehr-connector.io/problems/unknown-environment"))
                    .body("title", equalTo("Unknown environment"))
                    .body("status", equalTo(404))
                    .body("detail", containsString("test, production"));
        }
        assertEquals(keysBefore, countKeys());
    }

    private static long countKeys() {
        return ((Number) ServiceDatabase.value("select count(*) from connector_key")).longValue();
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (java.text.ParseException e) {
            throw new AssertionError(body, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rawKeys(String body) {
        try {
            return (List<Map<String, Object>>) new com.fasterxml.jackson.databind.ObjectMapper().readValue(body, Map.class).get("keys");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(body, e);
        }
    }
}
