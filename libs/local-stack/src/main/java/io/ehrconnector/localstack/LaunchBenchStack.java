package io.ehrconnector.localstack;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.testing.FreePorts;
import io.ehrconnector.testing.KafkaTestClient;
import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EhrUser;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.GraphConnectorApp;
import io.ehrconnector.testing.standins.GraphStandIn;
import io.ehrconnector.testing.standins.RegisteredClient;
import io.ehrconnector.testing.standins.SmartLaunch;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the launch benchmark runs against: the {@link BenchStack} (PostgreSQL, Kafka), the stand-ins in this JVM (Epic over
 * TLS, Entra ID with HTTPS for azure-identity, Graph), the connector's key ring sealed under a fresh master key, its Epic
 * apps registered with the EHR stand-in ({@code private_key_jwt} with the ring's public keys), an approved configuration of
 * Contoso for the stand-in's FHIR base, and launch-service as packaged, ready once a whole patient launch ends in a meeting.
 */
final class LaunchBenchStack implements AutoCloseable {

    /** launch-service's test client ids (its application.properties); the redirect URI is made from its public URL. */
    static final String PROVIDER_CLIENT = LocalWalkThrough.TEST_PROVIDER_CLIENT;
    static final String PATIENT_CLIENT = LocalWalkThrough.TEST_PATIENT_CLIENT;
    /** Codes wait in the benchmark until their phase: far longer than Epic's minute. */
    private static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

    private final BenchStack bench;
    private final EhrStandIn ehr;
    private final EntraIdStandIn entra;
    private final GraphStandIn graph;
    private final int port = FreePorts.next();

    private LaunchBenchStack(BenchStack bench) {
        this.bench = bench;
        this.ehr = new EhrStandIn(0).tls(true).codeLifetime(CODE_LIFETIME).start();
        this.entra = new EntraIdStandIn(0).alsoServeHttps(true).start();
        this.graph = new GraphStandIn(0).start();
    }

    static LaunchBenchStack start(Path root) throws IOException {
        return new LaunchBenchStack(BenchStack.start(root, SuiteService.LAUNCH));
    }

    /** Publishes the key ring and the configuration, registers the apps, starts launch-service and waits for a launch. */
    ServiceProcess startService() throws Exception {
        String masterKey = LocalWalkThrough.randomSecret();
        SealedKeyRing keys = SealedKeyRing.activeOnly(Environment.TEST, masterKey);
        try (KafkaTestClient kafka = bench.kafkaClient()) {
            keys.publish(kafka);
        }
        String redirectUri = serviceUrl() + "/launch/callback";
        for (String client : new String[] {PROVIDER_CLIENT, PATIENT_CLIENT}) {
            ehr.registerClient(RegisteredClient.of(client, ClientAuthentication.privateKeyJwt(keys.publicKeys()), redirectUri));
        }
        bench.approve(EntraDirectory.CONTOSO.id(), ehr.fhirBaseUrl());

        Map<String, String> environment = bench.environment(SuiteService.LAUNCH);
        environment.put("EHR_CONNECTOR_PUBLIC_URL", serviceUrl());
        environment.putAll(StandInSettings.ehrTrust(ehr));
        environment.put("EHR_ENTRA_AUTHORITY", entra.baseUrl());
        environment.put("EHR_ENTRA_CLIENT_SECRET", LocalWalkThrough.randomClientSecret());
        environment.put("EHR_KEYS_MASTER_KEY", masterKey);
        environment.put("EHR_JOIN_LINKS_KEYS", "1:" + LocalWalkThrough.randomSecret());
        environment.put("EHR_PRESENCE_KEY", LocalWalkThrough.randomSecret());
        environment.put("EHR_MEETING_EXTERNAL_ID_KEY", LocalWalkThrough.randomSecret());
        LaunchBrowser probe = browser();
        return bench.startService(SuiteService.LAUNCH, port, environment, GraphConnectorApp.register(entra, graph),
                () -> notJoined(probe.callback(probe.authorize(registerPatientLaunch("probe-" + System.nanoTime())))));
    }

    /** A browser for launches from the EHR stand-in into this launch-service. */
    LaunchBrowser browser() {
        return new LaunchBrowser(serviceUrl(), ehr.fhirBaseUrl(), ehr.sslContext());
    }

    /** A MyChart patient's launch of the visit {@code sessionId} (a new visit, so a new Teams meeting); its launch token. */
    String registerPatientLaunch(String sessionId) {
        return ehr.registerLaunch(SmartLaunch.forUser(new EhrUser("MYCHART-BENCH", "Patient/bench-patient"))
                .patient("bench-patient").param("sessionId", sessionId).build());
    }

    /** Null when the callback sent the browser into a Teams meeting, else what it answered instead. */
    static String notJoined(HttpResponse<String> callback) {
        String location = callback.headers().firstValue("Location").orElse("");
        return callback.statusCode() == 303 && location.startsWith("https://teams.microsoft.com/") ? null
                : callback.statusCode() + " " + abbreviate(callback.body().replaceAll("\\s+", " "));
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + " ...";
    }

    private String serviceUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        graph.close();
        entra.close();
        ehr.close();
        bench.close();
    }
}
