package io.ehrconnector.config.client;

import io.ehrconnector.testing.quarkus.EhrResource;
import io.ehrconnector.testing.quarkus.EntraIdResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.StandInRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probe as the service runs it (CDI bean, configuration, trust from {@code ehr.fhir.trust-store.*}) against the
 * Epic-like EHR stand-in over HTTPS.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(EntraIdResource.class)
@WithTestResource(EhrResource.class)
class FhirServerProbeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectStandIn
    EhrStandIn ehr;

    @Inject
    FhirServerProbe probe;

    @Test
    void anEpicLikeR4ServerPassesAndItsSmartEndpointsAreDiscovered() {
        int before = ehr.requests().size();
        ProbeResult result = probe.probe(ehr.fhirBaseUrl()).await().atMost(WAIT);

        assertTrue(result.ok(), result.problems().toString());
        assertEquals(ehr.fhirBaseUrl(), result.fhirBaseUrl());
        assertEquals(FhirVersion.R4, result.fhirVersion());
        assertEquals(URI.create(ehr.authorizeEndpoint()), result.authorizationEndpoint());
        assertEquals(URI.create(ehr.tokenEndpoint()), result.tokenEndpoint());
        assertEquals(URI.create(ehr.jwksUri()), result.jwksUri().orElseThrow());

        List<StandInRequest> sent = ehr.requests().subList(before, ehr.requests().size());
        assertEquals(List.of("/api/FHIR/R4/metadata", "/api/FHIR/R4/.well-known/smart-configuration"),
                sent.stream().map(StandInRequest::path).toList());
        String accept = sent.get(0).header("Accept");
        assertTrue(accept != null && accept.startsWith("application/fhir+json"), accept);
        assertTrue(sent.stream().allMatch(request -> request.method().equals("GET")));
    }

    @Test
    void theUrlAsTypedIsNormalisedToTheFormThatIsStored() {
        String typed = "  " + ehr.fhirBaseUrl().replace("https://", "HTTPS://") + "/ ";
        ProbeResult result = probe.probe(typed).await().atMost(WAIT);
        assertTrue(result.ok(), result.problems().toString());
        assertEquals(ehr.fhirBaseUrl(), result.fhirBaseUrl());
    }

    @Test
    void anotherNameForTheServerThanTheOneItUsesForItsTokenEndpointIsExplained() {
        String alias = ehr.fhirBaseUrl().replace("https://127.0.0.1", "https://localhost");
        ProbeResult result = probe.probe(alias).await().atMost(WAIT);
        assertEquals(List.of(ProbeProblem.Code.TOKEN_ENDPOINT_ELSEWHERE), result.problems().stream().map(ProbeProblem::code).toList());
        assertTrue(result.problems().get(0).message().contains("enter the FHIR base URL with the host name 127.0.0.1"),
                result.problems().get(0).message());
    }

    @Test
    void theHttpAddressOfTheSameServerIsRefusedWithoutContactingIt() {
        int before = ehr.requests().size();
        ProbeResult result = probe.probe(ehr.fhirBaseUrl().replace("https://", "http://")).await().atMost(WAIT);
        assertFalse(result.ok());
        assertEquals(ProbeProblem.Code.NOT_HTTPS, result.problems().get(0).code());
        assertTrue(result.problems().get(0).message().contains("https:// address Epic publishes"));
        assertEquals(before, ehr.requests().size());
    }

    @Test
    void anEhrOutageIsReportedForBothDocuments() {
        ehr.simulateOutage(Duration.ofMinutes(1));
        try {
            ProbeResult result = probe.probe(ehr.fhirBaseUrl()).await().atMost(WAIT);
            assertEquals(List.of(ProbeProblem.Code.METADATA_UNAVAILABLE, ProbeProblem.Code.SMART_CONFIGURATION_UNAVAILABLE),
                    result.problems().stream().map(ProbeProblem::code).toList());
            assertTrue(result.problems().get(0).message().contains("HTTP 503"), result.problems().get(0).message());
        } finally {
            ehr.endOutage();
        }
    }

    @Test
    void theR4StandInIsNotADstu2Server() {
        ProbeResult result = probe.probe(ehr.fhirBaseUrl().replace("/R4", "/DSTU2")).await().atMost(WAIT);
        assertFalse(result.ok());
        assertEquals(FhirVersion.DSTU2, result.fhirVersion());
        assertTrue(result.has(ProbeProblem.Code.METADATA_UNAVAILABLE), result.problems().toString());
    }
}
