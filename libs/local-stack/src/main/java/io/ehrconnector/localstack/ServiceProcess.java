package io.ehrconnector.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service running as a child JVM from its packaged fast-jar, with its log in a file. */
final class ServiceProcess implements AutoCloseable {

    /** Small, quick-starting JVMs: the local stack's five share two cores with the broker and the database. */
    static final List<String> SMALL_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SuiteService service;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(SuiteService service, int port, Process process, Path log) {
        this.service = service;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Settings as {@code -Dname=value} JVM options: for Quarkus property names an environment variable cannot spell, such as a
     * TLS registry entry whose name has a dash ({@code quarkus.tls."entra-stand-in".*}).
     */
    static List<String> systemProperties(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> "-D" + e.getKey() + "=" + e.getValue()).toList();
    }

    /** With the given JVM options: {@link #SMALL_JVM} in the local stack, the full JIT in a benchmark. */
    static ServiceProcess start(SuiteService service, Path repositoryRoot, int port, Map<String, String> environment,
                                Path logDirectory, List<String> jvmOptions) {
        Path jar = service.runnerJar(repositoryRoot);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests install)");
        }
        warnIfStale(service, repositoryRoot, jar);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        Path log = logDirectory.resolve(service.name() + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        try {
            return new ServiceProcess(service, port, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.name(), e);
        }
    }

    /** A jar older than its sources runs yesterday's code: say so (bin/local-stack builds first, a bare test run may not). */
    private static void warnIfStale(SuiteService service, Path repositoryRoot, Path jar) {
        try (var sources = Files.walk(repositoryRoot.resolve(service.name()).resolve("src/main"))) {
            long built = Files.getLastModifiedTime(jar).toMillis();
            if (sources.anyMatch(f -> f.toFile().lastModified() > built)) {
                System.out.println("warning: " + service.name() + " has sources newer than its jar; rebuild to run them");
            }
        } catch (IOException e) {
            System.out.println("warning: cannot tell whether " + service.name() + " is up to date: " + e.getMessage());
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL, as a crashed node or an OOM kill: nothing runs on the way out. Waits until it is gone. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the JVM to stop (SIGTERM: Quarkus shuts down gracefully) without waiting. */
    void requestStop() {
        process.destroy();
    }

    SuiteService service() {
        return service;
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** True when the service answers its readiness probe with 200 (PostgreSQL and Kafka reachable). */
    boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Asks the JVM to stop (SIGTERM: Quarkus shuts down gracefully), waits, then kills what is left. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
