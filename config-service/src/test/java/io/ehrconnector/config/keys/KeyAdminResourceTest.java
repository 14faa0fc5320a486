package io.ehrconnector.config.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ehrconnector.config.keys.KeyFixtures.reset;
import static io.ehrconnector.config.keys.KeyFixtures.servedKids;
import static io.ehrconnector.config.keys.KeyFixtures.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may see and rotate the connector's keys. The keys are the connector's, shared by every hospital, not a tenant's: there
 * is no tenant data to isolate, so an analyst of any hospital sees the same list. Rotation is limited to Connector.Admin, and
 * by {@code ehr.keys.admin-tenants} (set to the Contoso stand-in tenant for tests) to the operator's tenant: a hospital's
 * own admin cannot rotate the keys all hospitals depend on.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
class KeyAdminResourceTest {

    private static final String CLIENT_ID = "ehr-connector";
    private static final Set<String> VIEW_FIELDS = Set.of("environment", "kid", "algorithm", "status", "createdAt",
            "activateAt", "activatedAt", "retireAt", "retiredAt");

    @InjectStandIn
    EntraIdStandIn entra;

    @Test
    void withoutATokenNothingIsShownOrRotated() {
        long before = keyCount();
        given().when().post("/api/v1/keys/test/rotate").then().statusCode(401);
        given().when().get("/api/v1/keys/test").then().statusCode(401);
        given().auth().oauth2("not-a-token").when().post("/api/v1/keys/test/rotate").then().statusCode(401);
        assertEquals(before, keyCount());
    }

    @Test
    void analystsAndUsersWithoutARoleCannotRotate() {
        long before = keyCount();
        as(EntraDirectory.CONTOSO_ANALYST).when().post("/api/v1/keys/test/rotate").then().statusCode(403);
        as(EntraDirectory.CONTOSO_PROVIDER).when().post("/api/v1/keys/production/rotate").then().statusCode(403);
        as(EntraDirectory.CONTOSO_PROVIDER).when().get("/api/v1/keys/production").then().statusCode(403);
        assertEquals(before, keyCount());
    }

    @Test
    void aHospitalsAdminOutsideTheOperatorTenantCannotRotateTheConnectorsKeys() {
        long before = keyCount();
        as(EntraDirectory.FABRIKAM_ADMIN).when().post("/api/v1/keys/test/rotate").then().statusCode(403);
        assertEquals(before, keyCount());
    }

    @Test
    void anOperatorAdminRotatesAndGetsTheNewKeyWhichIsPublishedBeforeItSigns() {
        reset(Environment.TEST);
        String current = servedKids(Environment.TEST).get(0);

        JsonPath rotated = as(EntraDirectory.CONTOSO_ADMIN).when().post("/api/v1/keys/test/rotate").then()
                .statusCode(200)
                .body("environment", equalTo("TEST"))
                .body("algorithm", equalTo("ES384"))
                .body("status", equalTo("NEXT"))
                .body("createdAt", notNullValue())
                .body("activateAt", notNullValue())
                .extract().jsonPath();
        String kid = rotated.getString("kid");
        assertEquals(VIEW_FIELDS, rotated.getMap("").keySet());
        assertEquals("NEXT", status(kid));
        assertEquals(List.of(current, kid), servedKids(Environment.TEST));

        as(EntraDirectory.CONTOSO_ADMIN_ANALYST).when().post("/api/v1/keys/test/rotate").then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(409))
                .body("type", equalTo("https://ehr-connector.io/problems/rotation-pending"))
                .body("detail", org.hamcrest.Matchers.containsString(kid));
    }

    @Test
    void adminsAndAnalystsOfAnyTenantListTheKeysWithoutKeyMaterial() {
        reset(Environment.PRODUCTION);
        String kid = servedKids(Environment.PRODUCTION).get(0);

        for (EntraUser user : List.of(EntraDirectory.CONTOSO_ADMIN, EntraDirectory.CONTOSO_ANALYST, EntraDirectory.FABRIKAM_ANALYST)) {
            String body = as(user).when().get("/api/v1/keys/production").then().statusCode(200).extract().asString();
            List<Map<String, Object>> views = JsonPath.from(body).getList("");
            assertEquals(1, views.size(), body);
            assertEquals(VIEW_FIELDS, views.get(0).keySet(), body);
            assertEquals(kid, views.get(0).get("kid"));
            assertEquals("ACTIVE", views.get(0).get("status"));
            String sealed = ServiceDatabase.value("select encode(private_key_encrypted, 'base64') from connector_key where kid = ?",
                    kid).toString().replace("\n", "");
            assertTrue(!body.contains(sealed.substring(0, 24)) && !body.contains("\"d\"") && !body.contains("\"x\""), body);
        }
    }

    @Test
    void anUnknownEnvironmentIsA404Problem() {
        as(EntraDirectory.CONTOSO_ADMIN).when().post("/api/v1/keys/staging/rotate").then()
                .statusCode(404).contentType(startsWith("application/problem+json")).body("status", equalTo(404));
        as(EntraDirectory.CONTOSO_ANALYST).when().get("/api/v1/keys/staging").then()
                .statusCode(404).contentType(startsWith("application/problem+json"));
    }

    private RequestSpecification as(EntraUser user) {
        return given().auth().oauth2(entra.issueUserAccessToken(user, CLIENT_ID, CLIENT_ID));
    }

    private static long keyCount() {
        return ((Number) ServiceDatabase.value("select count(*) from connector_key")).longValue();
    }
}
