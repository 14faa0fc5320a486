package io.ehrconnector.config.keys;

import io.ehrconnector.events.EnvironmentPaths;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.nimbusds.jose.jwk.JWKSet;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The connector's public keys, one JWK Set per Epic environment: {@code GET /jwks/test} and {@code GET /jwks/production},
 * the JWK Set URLs registered in Epic for the non-production and the production client (Epic requires a JWK Set URL for
 * backend clients). Unauthenticated by design: Epic fetches it without credentials, and it holds public keys only (no
 * {@code d}, {@code p}, {@code q}, {@code dp}, {@code dq}, {@code qi}).
 *
 * <p>Served as {@code application/jwk-set+json} (RFC 7517; {@code application/json} when that is what the client accepts)
 * with {@code Cache-Control: public, max-age=300}. The lifetime is short on purpose: a rotation publishes the next key
 * {@code ehr.keys.prepublish} (one hour by default) before it signs, and a verifier or proxy that honours the header picks it
 * up within five minutes, well inside that margin; a long max-age would let a cache hide a new key past its activation. A
 * strong {@code ETag} (SHA-256 of the body) lets a verifier revalidate with {@code If-None-Match} and get {@code 304}.
 */
@Path("/jwks")
@PermitAll
class JwksResource {

    static final String JWK_SET_JSON = "application/jwk-set+json";
    static final String CACHE_CONTROL = "public, max-age=300";

    private final ConnectorKeyService keys;
    private final ObjectWriter json;

    JwksResource(ConnectorKeyService keys, ObjectMapper mapper) {
        this.keys = keys;
        // Sorted members: the same keys give the same bytes, hence the same ETag, on every replica.
        this.json = mapper.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    @GET
    @Path("/{environment}")
    @Produces({JWK_SET_JSON, MediaType.APPLICATION_JSON})
    public Uni<Response> jwkSet(@PathParam("environment") String environment, @Context Request request) {
        Optional<Environment> known = EnvironmentPaths.parse(environment);
        if (known.isEmpty()) {
            return Uni.createFrom().item(Problems.unknownEnvironment());
        }
        return keys.publicKeys(known.get()).map(set -> {
            String body = body(set);
            EntityTag tag = new EntityTag(sha256(body));
            Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
            Response.ResponseBuilder response = notModified != null ? notModified : Response.ok(body);
            return response.tag(tag).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
        });
    }

    private String body(JWKSet set) {
        try {
            // toJSONObject(true): public members only, whatever the set holds.
            return json.writeValueAsString(set.toJSONObject(true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JWK Set does not serialise", e);
        }
    }

    private static String sha256(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
