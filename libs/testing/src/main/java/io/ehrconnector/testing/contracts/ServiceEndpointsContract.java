package io.ehrconnector.testing.contracts;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * The operational endpoints every service exposes to Kubernetes and to operators. A service's test extends this and adds its
 * {@code @QuarkusTest} and test resources.
 */
public abstract class ServiceEndpointsContract {

    @Test
    void readinessCoversPostgresqlAndKafka() {
        // Right after start the Kafka channels may still be connecting: ready means "ready soon", not "ready at once".
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL")))
                .body("checks.name", hasItem(containsStringIgnoringCase("messaging"))));
    }

    @Test
    void livenessIsUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").when().get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."));
    }
}
