package io.ehrconnector.localstack;

import io.ehrconnector.testing.FreePorts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ports the local stack listens on: fixed and memorable for people, free random ones for tests that run beside a stack.
 * {@code ingress} is the connector's public URL (the path-routing proxy), {@code launchPad} the page that launches as Epic.
 */
record StackPorts(int postgres, int kafka, int ehr, int entra, int graph, int acs, int mllp, int ingress, int launchPad,
                  Map<String, Integer> services) {

    static StackPorts defaults() {
        Map<String, Integer> services = new LinkedHashMap<>();
        SuiteService.ALL.forEach(s -> services.put(s.name(), s.defaultPort()));
        return new StackPorts(15432, 19092, 9101, 9102, 9103, 9104, 12575, 8080, 9100, services);
    }

    static StackPorts random() {
        Map<String, Integer> services = new LinkedHashMap<>();
        SuiteService.ALL.forEach(s -> services.put(s.name(), FreePorts.next()));
        return new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), services);
    }

    int of(SuiteService service) {
        return services.get(service.name());
    }

    List<Integer> all() {
        List<Integer> all = new ArrayList<>(List.of(postgres, kafka, ehr, entra, graph, acs, mllp, ingress, launchPad));
        all.addAll(services.values());
        return all;
    }

    /** Fails with the list of ports something else already listens on (often a stack that was not stopped). */
    void requireFree() {
        List<Integer> taken = all().stream().filter(port -> !FreePorts.isFree(port)).toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + taken
                    + " (is another local stack running? see .local-stack/pids)");
        }
    }
}
