package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points a service under test at a real Kafka broker: the JVM's {@link KafkaBroker#shared()}. */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // The broker outlives a single test class; it stops when the JVM exits.
    }
}
