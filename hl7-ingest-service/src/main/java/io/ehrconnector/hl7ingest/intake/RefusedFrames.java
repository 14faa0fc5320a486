package io.ehrconnector.hl7ingest.intake;

import io.ehrconnector.events.DeadLetter;
import io.ehrconnector.events.Topics;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Every frame that is not accepted is recorded on the appointments topic's dead-letter topic, so nothing is dropped
 * silently: the reason, the HL7 error code, the sender, the frame's size and SHA-256, and its MSH-10 when it could be read.
 * Not its content: it holds the patient's name and more, and the sender still has it (it received the negative
 * acknowledgement). The record has no value; everything is in headers, next to the suite's {@code dead-letter-*} ones.
 */
@ApplicationScoped
public class RefusedFrames {

    public static final String CHANNEL = "hl7-refused";
    public static final String TOPIC = Topics.deadLetterOf(Topics.APPOINTMENTS);
    public static final String SENDER_HEADER = "hl7-sender";
    public static final String CONTROL_ID_HEADER = "hl7-control-id";
    public static final String ERROR_CODE_HEADER = "hl7-error-code";
    public static final String SHA256_HEADER = "hl7-frame-sha256";
    public static final String SIZE_HEADER = "hl7-frame-bytes";
    /** The exception class header's value: a refused frame, not a consumer failure. */
    public static final String REFUSED = "io.ehrconnector.hl7ingest.RefusedFrame";

    private final MutinyEmitter<String> emitter;

    RefusedFrames(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Records the refusal; never fails (a broker outage is logged, the sender has its NACK either way). */
    public Uni<Void> record(byte[] frame, long size, String sender, String controlId, int errorCode, String reason) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, DeadLetter.TOPIC_HEADER, Topics.APPOINTMENTS);
        header(headers, DeadLetter.REASON_HEADER, reason);
        header(headers, DeadLetter.EXCEPTION_CLASS_HEADER, REFUSED);
        header(headers, SENDER_HEADER, sender);
        header(headers, ERROR_CODE_HEADER, Integer.toString(errorCode));
        header(headers, SHA256_HEADER, sha256(frame));
        header(headers, SIZE_HEADER, Long.toString(size));
        if (controlId != null) {
            header(headers, CONTROL_ID_HEADER, controlId);
        }
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(TOPIC).withKey(sender).withHeaders(headers).build();
        return emitter.sendMessage(Message.<String>of(null).addMetadata(metadata))
                .onFailure().invoke(e -> Log.warnf("refused HL7 frame from %s not recorded on %s: %s", sender, TOPIC,
                        e.getClass().getName()))
                .onFailure().recoverWithNull();
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] frame) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(frame));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
