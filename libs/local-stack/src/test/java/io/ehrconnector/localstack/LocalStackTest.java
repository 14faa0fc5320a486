package io.ehrconnector.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
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
        StackPorts ports = StackPorts.ephemeral();
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
        List<Integer> all = new ArrayList<>(ports.services().values());
        all.addAll(List.of(ports.postgres(), ports.kafka(), ports.ehr(), ports.entra(), ports.graph(), ports.acs()));
        all.forEach(port -> assertTrue(isFree(port), "port " + port + " is still taken"));
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
