package io.ehrconnector.localstack;

import io.ehrconnector.testing.FreePorts;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local-stack command's promise: everything starts, all five services report ready, and stopping leaves no process and no
 * port behind. Needs the services packaged (the reactor builds this module last).
 */
class LocalStackTest {

    @Test
    void allServicesBecomeReadyAndStoppingLeavesNothingBehind() {
        StackPorts ports = StackPorts.random();
        LocalStack stack = new LocalStack(Path.of("../.."), ports);
        long started = System.nanoTime();
        List<ServiceProcess> services;
        try {
            stack.start();
            System.out.printf("[local-stack] all services ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
            services = List.copyOf(stack.services());
            assertEquals(SuiteService.ALL.size(), services.size());
            services.forEach(s -> assertTrue(s.isReady(), s.service().name() + " is not ready"));
        } finally {
            stack.close();
        }
        services.forEach(s -> assertFalse(s.isAlive(), s.service().name() + " still runs"));
        ports.all().forEach(port -> assertTrue(FreePorts.isFree(port), "port " + port + " is still taken"));
    }
}
