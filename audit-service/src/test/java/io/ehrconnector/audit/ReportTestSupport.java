package io.ehrconnector.audit;

import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.portal.PortalSession;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.net.URI;
import java.net.URL;

import static io.restassured.RestAssured.given;

/**
 * What the report tests share: a Kafka client of the shared broker, the Entra ID stand-in with the report pages registered
 * for sign-in, and the two ways in: the API with a user's bearer token, the pages with a signed-in browser session.
 */
public abstract class ReportTestSupport {

    protected static KafkaTestClient kafka;

    @InjectStandIn
    protected EntraIdStandIn entra;

    @TestHTTPResource("/")
    URL url;

    protected URI app;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.ofSharedBroker();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @BeforeEach
    void registerTheReportPages() {
        app = URI.create(url.toString());
        PortalSession.registerSignIn(entra, app, "/reports/signed-in");
    }

    @AfterEach
    void stopSigningInAutomatically() {
        entra.signInAutomaticallyAs(null);
    }

    /** A browser session signed in to the report pages as {@code user}. */
    protected PortalSession signedIn(EntraUser user) {
        entra.signInAutomaticallyAs(user);
        PortalSession session = new PortalSession(app);
        session.open("/reports");
        return session;
    }

    /** A request to the API with {@code user}'s access token for the connector's app. */
    protected RequestSpecification api(EntraUser user) {
        return given().auth().oauth2(entra.issueUserAccessToken(user, "ehr-connector", "ehr-connector"));
    }
}
