package io.ehrconnector.support.events;

import io.ehrconnector.events.CloudEvent;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/** Turns a serialized CloudEvent into the Kafka record the suite publishes: structured mode, keyed, on its topic. */
public final class KafkaCloudEvents {

    private KafkaCloudEvents() {
    }

    /** A message carrying {@code eventJson} to {@code topic} with {@code key}. */
    public static Message<String> message(String topic, String key, String eventJson) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic)
                .withKey(key)
                .withHeaders(headers)
                .build();
        return Message.of(eventJson).addMetadata(metadata);
    }
}
