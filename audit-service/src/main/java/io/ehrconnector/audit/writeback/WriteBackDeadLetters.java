package io.ehrconnector.audit.writeback;

import io.ehrconnector.events.CloudEvent;
import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;

/**
 * Copies the record of a write given up to the dead-letter topic of the topic it came from, unchanged, with the headers a
 * consumer's dead letter has (docs/events.md): operators alert on it, fix the cause and replay it to its topic, which queues
 * the write again ({@link EhrWriteQueue#revive}).
 */
@ApplicationScoped
class WriteBackDeadLetters {

    static final String CHANNEL = "write-back-dead-letters";

    private final MutinyEmitter<String> emitter;

    WriteBackDeadLetters(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** @param reason safe to store: a status or exception classes, never a message */
    Uni<Void> send(EhrWrite write, String reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEvent.CONTENT_TYPE_HEADER, CloudEvent.STRUCTURED_CONTENT_TYPE);
        header(headers, DeadLetter.TOPIC_HEADER, write.sourceTopic);
        header(headers, DeadLetter.PARTITION_HEADER, Integer.toString(write.sourcePartition));
        header(headers, DeadLetter.OFFSET_HEADER, Long.toString(write.sourceOffset));
        header(headers, DeadLetter.REASON_HEADER, "EHR write-back given up: " + reason);
        header(headers, DeadLetter.EXCEPTION_CLASS_HEADER, WriteBackException.class.getName());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetterOf(write.sourceTopic))
                .withKey(write.sourceKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(write.sourceRecord).addMetadata(metadata));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
