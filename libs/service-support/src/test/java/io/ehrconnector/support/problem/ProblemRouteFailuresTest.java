package io.ehrconnector.support.problem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vert.x failure handler on a real Vert.x router: the routes below fail the way Quarkus' authentication handler and
 * HTTP permission checks fail a request before it reaches Quarkus REST.
 */
class ProblemRouteFailuresTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new ProblemRouteFailures(JSON).install(router);
        router.get("/bad-token").handler(context -> {
            // what HttpAuthenticator.sendChallenge leaves behind for a bearer mechanism
            context.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer");
            context.fail(new AuthenticationFailedException("token of Jane Doe expired"));
        });
        router.get("/sign-in-redirect").handler(context -> {
            context.response().setStatusCode(302).putHeader("Location", "https://login.example/authorize");
            context.fail(new AuthenticationFailedException());
        });
        router.get("/anonymous").handler(context -> context.fail(new UnauthorizedException()));
        router.get("/denied").handler(context -> context.fail(new ForbiddenException("not for Jane Doe")));
        router.get("/other").handler(context -> context.fail(new IllegalStateException("Jane Doe")));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRejectedCredentialKeepsTheChallengeAndGetsAProblemBody() throws Exception {
        HttpResponse<String> response = get("/bad-token");
        assertEquals(401, response.statusCode());
        assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("https://ehr-connector.io/problems/unauthorized", problem.get("type").asText());
        assertEquals(401, problem.get("status").asInt());
        assertEquals("/bad-token", problem.get("instance").asText());
        assertFalse(response.body().contains("Jane"), response.body());
    }

    @Test
    void aChallengeThatIsNotA401IsLeftAlone() throws Exception {
        HttpResponse<String> response = get("/sign-in-redirect");
        assertEquals(302, response.statusCode());
        assertEquals("https://login.example/authorize", response.headers().firstValue("Location").orElse(""));
        assertEquals("", response.body());
    }

    @Test
    void anonymousAccessToAProtectedPathIsA401Problem() throws Exception {
        HttpResponse<String> response = get("/anonymous");
        assertEquals(401, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aDeniedPermissionIsA403ProblemWithoutTheMessage() throws Exception {
        HttpResponse<String> response = get("/denied");
        assertEquals(403, response.statusCode());
        assertEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("https://ehr-connector.io/problems/forbidden", JSON.readTree(response.body()).get("type").asText());
        assertFalse(response.body().contains("Jane"), response.body());
    }

    @Test
    void otherFailuresAreLeftToTheNextHandler() throws Exception {
        HttpResponse<String> response = get("/other");
        assertEquals(500, response.statusCode());
        assertNotEquals(Problem.MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().isEmpty() || !response.body().contains("problems/"), response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
