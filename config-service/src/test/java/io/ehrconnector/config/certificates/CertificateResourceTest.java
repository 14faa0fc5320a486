package io.ehrconnector.config.certificates;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.EntraUser;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.ehrconnector.config.certificates.TestCertificates.base64;
import static io.ehrconnector.config.certificates.TestCertificates.der;
import static io.ehrconnector.config.certificates.TestCertificates.fingerprint;
import static io.ehrconnector.config.certificates.TestCertificates.keyStore;
import static io.ehrconnector.config.certificates.TestCertificates.pem;
import static io.ehrconnector.config.certificates.TestCertificates.pkcs8;
import static io.ehrconnector.config.certificates.TestCertificates.traditional;
import static io.ehrconnector.config.certificates.TestCertificates.valid;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The certificate API end to end: the three upload forms, CURRENT/PREVIOUS rotation, refusals that change nothing and never
 * quote the upload, roles, tenant isolation, history, and the service methods other code uses. Tests share the Contoso
 * tenant's certificates, so each asserts on the certificates it uploaded itself.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class CertificateResourceTest {

    private static final String CLIENT_ID = "ehr-connector";
    private static final String PROBLEM = "application/problem+json";
    private static final String CONTOSO = EntraDirectory.CONTOSO.id();

    @InjectStandIn
    EntraIdStandIn entra;

    @Inject
    EhrCertificateService service;

    @Test
    void pemBase64AndDerUploadsAreAcceptedAndListedWithTheirFingerprints() throws Exception {
        X509Certificate first = valid("pem");
        upload(EntraDirectory.CONTOSO_ADMIN, "test", "text/plain", pem(first).getBytes(StandardCharsets.US_ASCII))
                .then().statusCode(200)
                .body("current.fingerprint", equalTo(fingerprint(first)))
                .body("current.environment", equalTo("TEST"))
                .body("current.status", equalTo("CURRENT"))
                .body("current.uploadedBy", equalTo(EntraDirectory.CONTOSO_ADMIN.userPrincipalName().toLowerCase()));
        assertListed(EntraDirectory.CONTOSO_ANALYST, "TEST", "CURRENT", first);

        X509Certificate second = valid("base64");
        upload(EntraDirectory.CONTOSO_ADMIN, "test", "text/plain", base64(second).getBytes(StandardCharsets.US_ASCII))
                .then().statusCode(200)
                .body("current.fingerprint", equalTo(fingerprint(second)))
                .body("previous.fingerprint", equalTo(fingerprint(first)))
                .body("previous.status", equalTo("PREVIOUS"));
        assertListed(EntraDirectory.CONTOSO_ADMIN, "TEST", "CURRENT", second);
        assertListed(EntraDirectory.CONTOSO_ADMIN, "TEST", "PREVIOUS", first);

        X509Certificate third = valid("der");
        upload(EntraDirectory.CONTOSO_ADMIN, "test", "application/pkix-cert", der(third)).then().statusCode(200)
                .body("current.fingerprint", equalTo(fingerprint(third)))
                .body("previous.fingerprint", equalTo(fingerprint(second)));
        X509Certificate fourth = valid("octet-stream", TestCertificates.rsa());
        upload(EntraDirectory.CONTOSO_ADMIN, "test", "application/octet-stream", der(fourth)).then().statusCode(200)
                .body("current.fingerprint", equalTo(fingerprint(fourth)))
                .body("current.keyAlgorithm", equalTo("RSA"))
                .body("current.keySize", equalTo(2048));
        JsonPath listed = assertListed(EntraDirectory.CONTOSO_ADMIN, "TEST", "CURRENT", fourth);
        long days = listed.getLong("find { it.fingerprint == '" + fingerprint(fourth) + "' }.daysUntilExpiry");
        assertTrue(days >= 363 && days <= 365, "daysUntilExpiry " + days);
        for (X509Certificate dropped : List.of(first, second)) {
            assertFalse(listed.getList("fingerprint").contains(fingerprint(dropped)));
            assertEquals(0L, count("fingerprint_sha256 = ?", fingerprint(dropped)));
        }
        assertEquals(1L, count("tenant_id = ? and environment = 'TEST' and status = 'CURRENT'", CONTOSO));
        assertEquals(1L, count("tenant_id = ? and environment = 'TEST' and status = 'PREVIOUS'", CONTOSO));
        assertArrayEquals(der(fourth), (byte[]) ServiceDatabase.value(
                "select certificate_der from ehr_certificate where fingerprint_sha256 = ?", fingerprint(fourth)));

        Response download = as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/certificates/test/pem");
        download.then().statusCode(200).header("Content-Disposition", containsString("ehr-certificate-test.pem"));
        String pem = download.asString();
        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"), pem);
        X509Certificate downloaded = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(fourth, downloaded);
    }

    @Test
    void aNewUploadMakesTheOldOnePreviousUntilAnAdminRemovesIt() {
        X509Certificate old = valid("rotation-old");
        X509Certificate fresh = valid("rotation-new");
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "production", old).then().statusCode(200);
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "production", fresh).then().statusCode(200)
                .body("current.fingerprint", equalTo(fingerprint(fresh)))
                .body("previous.fingerprint", equalTo(fingerprint(old)));
        assertListed(EntraDirectory.CONTOSO_ANALYST, "PRODUCTION", "PREVIOUS", old);
        assertEquals(List.of(fresh, old), validCertificates(CONTOSO, Environment.PRODUCTION));

        // The same certificate again changes nothing.
        long historyBefore = historyCount();
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "production", fresh).then().statusCode(200)
                .body("current.fingerprint", equalTo(fingerprint(fresh)))
                .body("previous.fingerprint", equalTo(fingerprint(old)))
                .body("notices", hasItem(containsString("nothing changed")));
        assertEquals(historyBefore, historyCount());

        as(EntraDirectory.CONTOSO_ANALYST).delete("/api/v1/certificates/production/previous").then().statusCode(403);
        as(EntraDirectory.CONTOSO_ADMIN).delete("/api/v1/certificates/production/previous").then().statusCode(204);
        JsonPath listed = list(EntraDirectory.CONTOSO_ADMIN);
        assertFalse(listed.getList("fingerprint").contains(fingerprint(old)));
        assertListed(EntraDirectory.CONTOSO_ADMIN, "PRODUCTION", "CURRENT", fresh);
        assertEquals(List.of(fresh), validCertificates(CONTOSO, Environment.PRODUCTION));
        as(EntraDirectory.CONTOSO_ADMIN).delete("/api/v1/certificates/production/previous").then().statusCode(404)
                .contentType(PROBLEM).body("detail", containsString("no previous certificate"));

        List<String> details = history(EntraDirectory.CONTOSO_ANALYST).getList("details");
        assertTrue(details.contains("certificate production uploaded: " + fingerprint(fresh)), details.toString());
        assertTrue(details.contains("certificate production previous removed: " + fingerprint(old)), details.toString());
        JsonPath entry = history(EntraDirectory.CONTOSO_ADMIN);
        assertEquals(EntraDirectory.CONTOSO_ADMIN.userPrincipalName().toLowerCase(),
                entry.getString("find { it.details == 'certificate production uploaded: " + fingerprint(fresh)
                        + "' }.actorUsername"));
    }

    @Test
    void privateKeysAreRefusedWithTheMessageAndNothingIsStored() {
        KeyPair ec = TestCertificates.ec();
        KeyPair rsa = TestCertificates.rsa();
        X509Certificate certificate = valid("with-key", ec);
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "test", valid("before-keys")).then().statusCode(200);
        List<Map<String, Object>> before = rows();
        long historyBefore = historyCount();

        Map<String, byte[]> uploads = Map.of(
                "PKCS#8", pem("PRIVATE KEY", pkcs8(rsa)).getBytes(StandardCharsets.US_ASCII),
                "RSA PRIVATE KEY", pem("RSA PRIVATE KEY", traditional(rsa)).getBytes(StandardCharsets.US_ASCII),
                "EC PRIVATE KEY", pem("EC PRIVATE KEY", traditional(ec)).getBytes(StandardCharsets.US_ASCII),
                "certificate and key", (pem(certificate) + pem("PRIVATE KEY", pkcs8(ec))).getBytes(StandardCharsets.US_ASCII),
                "PKCS#8 DER", pkcs8(ec));
        for (Map.Entry<String, byte[]> upload : uploads.entrySet()) {
            String type = upload.getKey().endsWith("DER") ? "application/octet-stream" : "text/plain";
            Response refused = upload(EntraDirectory.CONTOSO_ADMIN, "test", type, upload.getValue());
            refused.then().statusCode(422).contentType(PROBLEM)
                    .body("type", equalTo("https://ehr-connector.io/problems/private-key-refused"))
                    .body("detail", equalTo(CertificateParser.PRIVATE_KEY_MESSAGE))
                    .body("errors[0].field", equalTo("certificate"));
            assertNoEcho(refused, upload.getValue());
        }
        Response pkcs12 = upload(EntraDirectory.CONTOSO_ADMIN, "test", "application/x-pkcs12",
                keyStore("PKCS12", ec, certificate));
        pkcs12.then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://ehr-connector.io/problems/private-key-refused"))
                .body("detail", containsString("Upload only the certificate (public part)"));

        assertEquals(before, rows());
        assertEquals(historyBefore, historyCount());
    }

    @Test
    void expiredAndNotYetValidCertificatesAreRefusedWithTheirDates() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiredAt = now.minus(Duration.ofDays(2));
        Instant validFrom = now.plus(Duration.ofDays(2));
        List<Map<String, Object>> before = rows();
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "test",
                TestCertificates.between("expired", expiredAt.minus(Duration.ofDays(90)), expiredAt))
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://ehr-connector.io/problems/certificate-expired"))
                .body("detail", containsString("expired on " + CertificateParser.DATE.format(expiredAt)));
        upload(EntraDirectory.CONTOSO_ADMIN, "production", "application/pkix-cert",
                der(TestCertificates.between("future", validFrom, validFrom.plus(Duration.ofDays(90)))))
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://ehr-connector.io/problems/certificate-not-yet-valid"))
                .body("detail", containsString("valid from " + CertificateParser.DATE.format(validFrom)));
        assertEquals(before, rows());
    }

    @Test
    void garbageEmptyWeakAndOversizedUploadsAreRefusedAndChangeNothing() {
        List<Map<String, Object>> before = rows();
        byte[] garbage = "GARBAGE-MARKER this is not a certificate".getBytes(StandardCharsets.US_ASCII);
        Response refused = upload(EntraDirectory.CONTOSO_ADMIN, "test", "text/plain", garbage);
        refused.then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://ehr-connector.io/problems/not-a-certificate"))
                .body("detail", containsString("-----BEGIN CERTIFICATE-----"));
        assertNoEcho(refused, garbage);

        upload(EntraDirectory.CONTOSO_ADMIN, "test", "text/plain", new byte[0]).then().statusCode(422)
                .contentType(PROBLEM).body("type", equalTo("https://ehr-connector.io/problems/certificate-empty"));
        upload(EntraDirectory.CONTOSO_ADMIN, "test", "application/pkix-cert", der(valid("weak", TestCertificates.weakRsa())))
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://ehr-connector.io/problems/certificate-key-too-weak"));

        // Just under the HTTP body limit (64K): read, and refused as not a certificate.
        byte[] nearLimit = new byte[65_000];
        Arrays.fill(nearLimit, (byte) 'A');
        Response large = upload(EntraDirectory.CONTOSO_ADMIN, "test", "text/plain", nearLimit);
        large.then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://ehr-connector.io/problems/not-a-certificate"));
        assertFalse(large.asString().contains("AAAAAAAAAAAA"));
        // Over it: refused by the HTTP layer before it is read.
        byte[] overLimit = new byte[70 * 1024];
        Arrays.fill(overLimit, (byte) 'A');
        upload(EntraDirectory.CONTOSO_ADMIN, "test", "text/plain", overLimit).then().statusCode(413);

        upload(EntraDirectory.CONTOSO_ADMIN, "test", "application/json", "{}".getBytes(StandardCharsets.US_ASCII))
                .then().statusCode(415).contentType(PROBLEM).body("detail", containsString("application/pkix-cert"));
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "staging", valid("staging")).then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("test, production"));
        assertEquals(before, rows());
    }

    @Test
    void anotherTenantSeesNoneOfTheCertificatesAndCannotRemoveThem() {
        X509Certificate old = valid("contoso-old");
        X509Certificate current = valid("contoso-current");
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "test", old).then().statusCode(200);
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "test", current).then().statusCode(200);
        X509Certificate fabrikams = valid("fabrikam");
        uploadPem(EntraDirectory.FABRIKAM_ADMIN, "production", fabrikams).then().statusCode(200)
                .body("previous", nullValue());

        List<Object> contosos = ServiceDatabase.query("select fingerprint_sha256 from ehr_certificate where tenant_id = ?",
                CONTOSO).stream().map(row -> row.get("fingerprint_sha256")).toList();
        for (EntraUser outsider : List.of(EntraDirectory.FABRIKAM_ADMIN, EntraDirectory.FABRIKAM_ANALYST)) {
            JsonPath listed = list(outsider);
            assertEquals(List.of(fingerprint(fabrikams)), listed.getList("fingerprint"));
            contosos.forEach(fingerprint -> assertFalse(listed.getList("fingerprint").contains(fingerprint)));
            as(outsider).get("/api/v1/certificates/test/pem").then().statusCode(404).contentType(PROBLEM);
        }
        as(EntraDirectory.FABRIKAM_ADMIN).delete("/api/v1/certificates/test/previous").then().statusCode(404);
        as(EntraDirectory.FABRIKAM_ADMIN).delete("/api/v1/certificates/production/previous").then().statusCode(404);
        history(EntraDirectory.FABRIKAM_ADMIN).getList("details").forEach(details ->
                assertFalse(String.valueOf(details).contains(fingerprint(current))));
        assertListed(EntraDirectory.CONTOSO_ADMIN, "TEST", "CURRENT", current);
        assertListed(EntraDirectory.CONTOSO_ADMIN, "TEST", "PREVIOUS", old);
        assertFalse(list(EntraDirectory.CONTOSO_ADMIN).getList("fingerprint").contains(fingerprint(fabrikams)));
    }

    @Test
    void aCertificateAnotherTenantUploadedIsRefused() {
        X509Certificate contosos = valid("contoso-interface");
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "production", contosos).then().statusCode(200);
        List<Map<String, Object>> before = rows();

        uploadPem(EntraDirectory.FABRIKAM_ADMIN, "production", contosos).then().statusCode(422).contentType(PROBLEM)
                .body("type", org.hamcrest.Matchers.endsWith("/certificate-in-use-elsewhere"));

        assertEquals(before, rows());
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "test", contosos).then().statusCode(200);
    }

    @Test
    void onlyAdminsUploadAndOnlyAdminsAndAnalystsRead() {
        List<Map<String, Object>> before = rows();
        uploadPem(EntraDirectory.CONTOSO_ANALYST, "test", valid("analyst")).then().statusCode(403).contentType(PROBLEM);
        uploadPem(EntraDirectory.CONTOSO_PROVIDER, "test", valid("provider")).then().statusCode(403);
        given().contentType("text/plain").body(pem(valid("anonymous"))).put("/api/v1/certificates/test").then()
                .statusCode(401);
        as(EntraDirectory.CONTOSO_PROVIDER).get("/api/v1/certificates").then().statusCode(403);
        as(EntraDirectory.CONTOSO_PROVIDER).get("/api/v1/certificates/test/pem").then().statusCode(403);
        given().get("/api/v1/certificates").then().statusCode(401);
        as(EntraDirectory.CONTOSO_ANALYST).get("/api/v1/certificates").then().statusCode(200);
        assertEquals(before, rows());
    }

    @Test
    void serviceMethodsAnswerPerTenantAndLeaveOutExpiredCertificates() {
        // Contoso's production may or may not have certificates from other tests; Fabrikam's test has none (never uploaded).
        String fabrikam = EntraDirectory.FABRIKAM.id();
        assertFalse(await(() -> service.hasCurrentCertificate(fabrikam, Environment.TEST)));
        assertEquals(List.of(), validCertificates(fabrikam, Environment.TEST));

        X509Certificate old = valid("service-old");
        X509Certificate current = valid("service-current");
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "test", old).then().statusCode(200);
        uploadPem(EntraDirectory.CONTOSO_ADMIN, "test", current).then().statusCode(200);
        assertTrue(await(() -> service.hasCurrentCertificate(CONTOSO, Environment.TEST)));
        assertEquals(List.of(current, old), validCertificates(CONTOSO, Environment.TEST));
        assertFalse(await(() -> service.hasCurrentCertificate(fabrikam, Environment.TEST)));

        // The previous certificate expires: no longer valid for messages, still listed (with negative days).
        ServiceDatabase.execute("update ehr_certificate set not_after = now() - interval '1 day' where fingerprint_sha256 = ?",
                fingerprint(old));
        assertEquals(List.of(current), validCertificates(CONTOSO, Environment.TEST));
        assertTrue(list(EntraDirectory.CONTOSO_ADMIN).getLong("find { it.fingerprint == '" + fingerprint(old)
                + "' }.daysUntilExpiry") < 0);
        // So does the current one: no current certificate any more.
        ServiceDatabase.execute("update ehr_certificate set not_after = now() - interval '1 day' where fingerprint_sha256 = ?",
                fingerprint(current));
        assertFalse(await(() -> service.hasCurrentCertificate(CONTOSO, Environment.TEST)));
        assertEquals(List.of(), validCertificates(CONTOSO, Environment.TEST));

        uploadPem(EntraDirectory.CONTOSO_ADMIN, "test", valid("service-after")).then().statusCode(200);
        assertTrue(await(() -> service.hasCurrentCertificate(CONTOSO, Environment.TEST)));
    }

    @Test
    void theUploadBufferIsWipedAfterReading() {
        EntraUser admin = EntraDirectory.CONTOSO_ADMIN;
        Caller caller = new Caller(admin.tenant().id(), admin.objectId(), admin.userPrincipalName(), admin.roles());
        byte[] key = pem("PRIVATE KEY", pkcs8(TestCertificates.ec())).getBytes(StandardCharsets.US_ASCII);
        Throwable refused = assertThrows(Throwable.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> service.upload(caller, Environment.TEST, key)));
        assertInstanceOf(InvalidCertificate.class, refused);
        assertArrayEquals(new byte[key.length], key);

        byte[] certificate = der(valid("wiped"));
        await(() -> service.upload(caller, Environment.TEST, certificate));
        assertArrayEquals(new byte[certificate.length], certificate);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private RequestSpecification as(EntraUser user) {
        return given().auth().oauth2(entra.issueUserAccessToken(user, CLIENT_ID, CLIENT_ID));
    }

    private Response upload(EntraUser user, String environment, String contentType, byte[] body) {
        return as(user).contentType(contentType).body(body).put("/api/v1/certificates/" + environment);
    }

    private Response uploadPem(EntraUser user, String environment, X509Certificate certificate) {
        return upload(user, environment, "text/plain", pem(certificate).getBytes(StandardCharsets.US_ASCII));
    }

    private JsonPath list(EntraUser user) {
        return as(user).get("/api/v1/certificates").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath history(EntraUser user) {
        return as(user).get("/api/v1/history").then().statusCode(200).extract().jsonPath();
    }

    /** Asserts that {@code user}'s list has {@code certificate} in {@code environment} with {@code status}; returns the list. */
    private JsonPath assertListed(EntraUser user, String environment, String status, X509Certificate certificate) {
        JsonPath listed = list(user);
        String where = "find { it.fingerprint == '" + fingerprint(certificate) + "' }";
        assertEquals(environment, listed.getString(where + ".environment"), listed.prettify());
        assertEquals(status, listed.getString(where + ".status"), listed.prettify());
        assertEquals(certificate.getSubjectX500Principal().getName(), listed.getString(where + ".subject"));
        return listed;
    }

    private static void assertNoEcho(Response refused, byte[] upload) {
        CertificateParserTest.assertNoEcho(refused.jsonPath().getString("detail"), upload);
        CertificateParserTest.assertNoEcho(refused.asString(), upload);
    }

    /** Every certificate row (all tenants), in a stable order, for before/after comparisons. */
    private static List<Map<String, Object>> rows() {
        return ServiceDatabase.query("select id, tenant_id, environment, status, fingerprint_sha256 from ehr_certificate"
                + " order by id");
    }

    private static long count(String where, Object... params) {
        return ((Number) ServiceDatabase.value("select count(*) from ehr_certificate where " + where, params)).longValue();
    }

    private static long historyCount() {
        return ((Number) ServiceDatabase.value("select count(*) from configuration_change where tenant_id = ?", CONTOSO))
                .longValue();
    }

    private List<X509Certificate> validCertificates(String tenantId, Environment environment) {
        return await(() -> service.validCertificates(tenantId, environment));
    }

    private static <T> T await(Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
