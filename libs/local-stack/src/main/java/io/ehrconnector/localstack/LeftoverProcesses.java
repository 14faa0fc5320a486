package io.ehrconnector.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the service processes the local stack started (in {@code .local-stack/pids}) so that the next start can stop them
 * if this launcher was killed without running its shutdown (SIGKILL, an IDE's stop button).
 */
final class LeftoverProcesses {

    private final Path file;

    LeftoverProcesses(Path workDirectory) {
        this.file = workDirectory.resolve("pids");
    }

    /** Stops processes a previous launcher left behind: only live ones that run one of our service jars. */
    void stopLeftovers() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                ProcessHandle.of(Long.parseLong(line.trim()))
                        .filter(p -> p.info().commandLine().map(c -> c.contains("quarkus-run.jar")).orElse(false))
                        .ifPresent(LeftoverProcesses::stop);
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void record(List<Long> pids) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, pids.stream().map(String::valueOf).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(ProcessHandle process) {
        System.out.println("stopping a service left running by an earlier local stack (pid " + process.pid() + ")");
        process.destroy();
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
