package io.ehrconnector.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ports the local stack listens on: fixed and memorable for people, ephemeral for tests that run beside a stack. */
record StackPorts(int postgres, int kafka, int ehr, int entra, int graph, int acs, Map<String, Integer> services) {

    static StackPorts defaults() {
        Map<String, Integer> services = new LinkedHashMap<>();
        SuiteService.ALL.forEach(s -> services.put(s.name(), s.defaultPort()));
        return new StackPorts(15432, 19092, 9101, 9102, 9103, 9104, services);
    }

    static StackPorts ephemeral() {
        Map<String, Integer> services = new LinkedHashMap<>();
        SuiteService.ALL.forEach(s -> services.put(s.name(), freePort()));
        return new StackPorts(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), services);
    }

    int of(SuiteService service) {
        return services.get(service.name());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
