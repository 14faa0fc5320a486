package io.ehrconnector.localstack;

import io.ehrconnector.testing.KafkaBroker;
import io.ehrconnector.testing.PostgresServer;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EntraDirectory;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.GraphConnectorApp;
import io.ehrconnector.testing.standins.GraphStandIn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite on one machine, with nothing installed: a real PostgreSQL (embedded binaries) with one database per service,
 * a real Kafka broker, the stand-ins for Epic, Entra ID, Microsoft Graph and Azure Communication Services, and the five
 * services as child JVMs behind a path-routing proxy that plays the production ingress (the connector's public URL), and
 * a launch pad that opens visits as Epic does. {@link #close()} stops everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Path repositoryRoot;
    private final StackPorts ports;
    private final Path workDirectory;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, String> urls = new LinkedHashMap<>();
    private final LeftoverProcesses leftovers;

    LocalStack(Path repositoryRoot, StackPorts ports) {
        this.repositoryRoot = repositoryRoot.toAbsolutePath().normalize();
        this.ports = ports;
        this.workDirectory = this.repositoryRoot.resolve(".local-stack");
        this.leftovers = new LeftoverProcesses(workDirectory);
    }

    public static void main(String[] args) throws InterruptedException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        LocalStack stack = new LocalStack(root, StackPorts.defaults());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local stack ...");
            stack.close();
            System.out.println("Stopped. Nothing is left running.");
        }, "local-stack-stop"));
        long started = System.nanoTime();
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("%nAll five services are ready after %.1f s.%n%n", (System.nanoTime() - started) / 1e9);
        stack.urls().forEach((name, url) -> System.out.printf("  %-24s %s%n", name, url));
        System.out.println("\nLogs: " + stack.workDirectory.resolve("logs") + "    Stop: Ctrl-C");
        Thread.currentThread().join();
    }

    /** Starts everything and returns once every service reports ready; on failure stops what it started. */
    void start() {
        leftovers.stopLeftovers();
        ports.requireFree();
        try {
            Path logs = Files.createDirectories(workDirectory.resolve("logs"));
            PostgresServer postgres = keep(PostgresServer.startEmbedded(ports.postgres()));
            SuiteService.ALL.forEach(s -> postgres.recreateDatabase(s.database()));
            urls.put("PostgreSQL", "postgresql://localhost:" + postgres.port() + " (user postgres)");
            KafkaBroker kafka = keep(KafkaBroker.start(ports.kafka()));
            urls.put("Kafka", kafka.bootstrapServers());
            startStandIns();
            keep(this::stopServices);
            for (SuiteService service : SuiteService.ALL) {
                Map<String, String> environment = service.environment(postgres, kafka);
                environment.putAll(IngressProxy.SERVICE_SETTINGS);
                environment.putAll(outsideWorld);
                List<String> jvm = new ArrayList<>(ServiceProcess.SMALL_JVM);
                jvm.addAll(ServiceProcess.systemProperties(systemProperties.getOrDefault(service, Map.of())));
                services.add(ServiceProcess.start(service, repositoryRoot, ports.of(service), environment, logs, jvm));
                leftovers.record(services.stream().map(ServiceProcess::pid).toList());
            }
            keep(IngressProxy.start(ports.ingress(), new IngressRoutes(serviceUrl(SuiteService.LAUNCH),
                    serviceUrl(SuiteService.HL7_INGEST), serviceUrl(SuiteService.SMS), serviceUrl(SuiteService.AUDIT),
                    serviceUrl(SuiteService.CONFIG))));
            awaitReady();
            services.forEach(s -> urls.put(s.service().name(), s.baseUrl() + "  (health /q/health, API /q/openapi)"));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Where the services find the outside world: the stand-ins, configured exactly as production configures the clouds. */
    private final Map<String, String> outsideWorld = new LinkedHashMap<>();
    /** Per service, settings whose names an environment variable cannot spell (given as system properties). */
    private final Map<SuiteService, Map<String, String>> systemProperties = new LinkedHashMap<>();

    private void startStandIns() {
        String publicUrl = "http://localhost:" + ports.ingress();
        String config = serviceUrl(SuiteService.CONFIG);
        EhrStandIn ehr = keep(new EhrStandIn(ports.ehr()).tls(true).interactiveSignIn(true).start());
        LocalWalkThrough.registerConnectorWithEpic(ehr, publicUrl, config);
        urls.put("Epic stand-in (FHIR)", ehr.fhirBaseUrl() + "  (or any instance: " + ehr.baseUrl()
                + "/<name>" + EhrStandIn.FHIR_PATH + ")");
        outsideWorld.putAll(StandInSettings.ehrTrust(ehr));

        // HTTPS too: azure-identity, which gets launch-service its Graph tokens, refuses a plain HTTP authority.
        EntraIdStandIn entra = keep(new EntraIdStandIn(ports.entra()).alsoServeHttps(true).start());
        String portalSecret = LocalWalkThrough.randomClientSecret();
        LocalWalkThrough.registerPortalWithEntra(entra, publicUrl, config, portalSecret);
        urls.put("Entra ID stand-in", entra.baseUrl() + "/  (browser sign-in as admin, analyst or provider of two tenants)");
        outsideWorld.put("QUARKUS_OIDC_AUTH_SERVER_URL", entra.baseUrl() + "/organizations/v2.0");
        outsideWorld.put("EHR_ENTRA_AUTHORITY", entra.baseUrl());
        outsideWorld.put("EHR_ENTRA_CLIENT_SECRET", portalSecret);
        outsideWorld.put("EHR_ENTRA_ALLOWED_TENANTS", EntraDirectory.CONTOSO.id() + "," + EntraDirectory.FABRIKAM.id());
        outsideWorld.put("EHR_PORTAL_SESSION_SECRET", LocalWalkThrough.randomSecret());
        // A fresh key-sealing key per run: the local stack's database is new every time too.
        outsideWorld.put("EHR_KEYS_MASTER_KEY", LocalWalkThrough.randomSecret());
        outsideWorld.put("EHR_KEYS_ADMIN_TENANTS", EntraDirectory.CONTOSO.id());
        outsideWorld.put("EHR_CONNECTOR_PUBLIC_URL", publicUrl);
        // The public URL is plain http here: the portal's and the report pages' sign-in must not force https as production
        // behind TLS does. Each tenant's settings go to its own service only: given to every service, they would make Quarkus
        // expect that OIDC tenant (and its auth-server-url) in the others that use OIDC too.
        systemProperties.put(SuiteService.CONFIG, Map.of(
                "quarkus.oidc.portal.authentication.force-redirect-https-scheme", "false",
                "quarkus.oidc.portal.authentication.cookie-force-secure", "false"));
        systemProperties.put(SuiteService.AUDIT, Map.of(
                "quarkus.oidc.report-pages.authentication.force-redirect-https-scheme", "false",
                "quarkus.oidc.report-pages.authentication.cookie-force-secure", "false"));
        // hl7-ingest: its MLLP port, and a fresh patient-phone key per run (the stack's topics are new every time too).
        outsideWorld.put("EHR_HL7_MLLP_PORT", Integer.toString(ports.mllp()));
        outsideWorld.put("EHR_CONNECTOR_MLLP_HOST", "localhost");
        outsideWorld.put("EHR_CONNECTOR_MLLP_PORT", Integer.toString(ports.mllp()));
        outsideWorld.put("EHR_PHONE_ENCRYPTION_CURRENT_KEY_ID", "local");
        outsideWorld.put("EHR_PHONE_ENCRYPTION_KEYS", "local:" + LocalWalkThrough.randomSecret());
        // sms-service mints the patients' join links, launch-service verifies them: one fresh key per run.
        outsideWorld.put("EHR_JOIN_LINKS_KEYS", "1:" + LocalWalkThrough.randomSecret());
        // sms-service: the key Event Grid would send to its webhook, and the opt-out ledger's HMAC key.
        outsideWorld.put("EHR_SMS_WEBHOOK_KEY", LocalWalkThrough.randomSecret());
        outsideWorld.put("EHR_SMS_OPT_OUT_KEY", LocalWalkThrough.randomSecret());
        // launch-service's presence key (participant ids, live roster links). Graph's webhook is not set apart: it defaults to
        // the public URL, whose ingress proxy routes /graph to launch-service, as production's ingress does.
        outsideWorld.put("EHR_PRESENCE_KEY", LocalWalkThrough.randomSecret());
        // The key of the Teams meetings' externalIds: fresh per run, like the stack's database and Graph stand-in.
        outsideWorld.put("EHR_MEETING_EXTERNAL_ID_KEY", LocalWalkThrough.randomSecret());
        urls.put("HL7 MLLP (hl7-ingest)", "localhost:" + ports.mllp());

        GraphStandIn graph = keep(new GraphStandIn(ports.graph()).validateNotificationUrls(true).useLocalJoinPage(true)
                .start());
        systemProperties.put(SuiteService.LAUNCH, GraphConnectorApp.register(entra, graph));
        urls.put("Microsoft Graph stand-in", graph.baseUrl());
        AcsStandIn acs = keep(new AcsStandIn(ports.acs()).start());
        // sms-service texts through it and config-service buys numbers from it, trusting its self-signed certificate: the
        // texts a person's visits trigger are recorded there (AcsStandIn.sentMessages()) instead of reaching a phone.
        outsideWorld.putAll(StandInSettings.acs(acs));
        urls.put("ACS stand-in (HTTPS)", acs.baseUrl() + "  (texts and number purchases land here)");
        urls.put("Connector (public URL)", publicUrl + "  (the ingress: /launch, /v, /device-test, /graph, /visits to"
                + " launch-service, /hl7 to hl7-ingest, /acs to sms-service, /audit and /reports to audit-service, the rest to"
                + " config-service)");
        urls.put("Visit reports", publicUrl + "/reports  (sign in as an admin or analyst; visits appear as they happen)");
        urls.put("Portal (walk-through)", publicUrl + "/portal  " + LocalWalkThrough.HINT);
        keep(EpicLaunchPad.start(ports.launchPad(), ehr, publicUrl));
        urls.put("Epic launch pad", "http://localhost:" + ports.launchPad() + "/  " + EpicLaunchPad.HINT);
    }

    private String serviceUrl(SuiteService service) {
        return "http://localhost:" + ports.of(service);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : List.copyOf(waiting)) {
                if (!service.isAlive()) {
                    throw new IllegalStateException(service.service().name() + " exited; see " + service.log());
                }
                if (service.isReady()) {
                    System.out.println("  ready: " + service.service().name());
                    waiting.remove(service);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + READY_TIMEOUT.toSeconds() + " s: "
                        + waiting.stream().map(s -> s.service().name() + " (" + s.log() + ")").toList());
            }
            sleep(Duration.ofMillis(500));
        }
    }

    Map<String, String> urls() {
        return urls;
    }

    List<ServiceProcess> services() {
        return services;
    }

    private <T extends AutoCloseable> T keep(T started) {
        running.push(started);
        return started;
    }

    /** Stops the five services at once and waits for them; they still have the broker and the database while they stop. */
    private void stopServices() {
        services.forEach(ServiceProcess::requestStop);
        services.forEach(ServiceProcess::close);
        leftovers.clear();
    }

    /** Stops the services first (they still need the broker and the database to shut down cleanly), then the rest. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable next = running.pop();
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("could not stop " + next + ": " + e.getMessage());
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
