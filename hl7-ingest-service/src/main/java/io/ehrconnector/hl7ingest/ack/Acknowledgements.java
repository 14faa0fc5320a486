package io.ehrconnector.hl7ingest.ack;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import io.ehrconnector.hl7ingest.siu.SiuHeader;
import io.ehrconnector.hl7ingest.siu.SiuReader;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The acknowledgements the connector sends back, as HAPI builds them from the inbound message (MSA-2 its control id, ERR
 * with the HL7 error code and a reason that names fields, never values):
 * <ul>
 *   <li>original mode (no MSH-15): AA when the event is durable, AE for content errors (the sender should not resend the
 *       message as it is), AR for rejections (unsupported type, version or trigger; not authenticated; unknown
 *       configuration; the connector cannot make it durable now: resend later);</li>
 *   <li>enhanced mode (MSH-15 set): the commit acknowledgement CA, CE or CR, sent as MSH-15 asks (AL always, NE never, ER
 *       only on errors, SU only on success). The connector's commit is its acceptance; it sends no separate application
 *       acknowledgement (MSH-16).</li>
 * </ul>
 * A frame that does not parse is answered from its MSH segment if that parses, else by a minimal ACK without MSA-2.
 */
public final class Acknowledgements {

    /** How the message ended. */
    public enum Outcome {
        /** Durable (published and acknowledged by Kafka), or already was (a resend). */
        ACCEPTED(AcknowledgmentCode.AA, AcknowledgmentCode.CA),
        /** Its content cannot be used: do not resend it unchanged. */
        CONTENT_ERROR(AcknowledgmentCode.AE, AcknowledgmentCode.CE),
        /** Rejected for reasons beside its content, or not durable now: resend later or to the right place. */
        REJECTED(AcknowledgmentCode.AR, AcknowledgmentCode.CR);

        private final AcknowledgmentCode original;
        private final AcknowledgmentCode enhanced;

        Outcome(AcknowledgmentCode original, AcknowledgmentCode enhanced) {
            this.original = original;
            this.enhanced = enhanced;
        }
    }

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ", Locale.ROOT);

    private static final DateTimeFormatter HL7_TIME_MILLIS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ", Locale.ROOT);

    private final SiuReader reader;
    /** ACK control ids: a random prefix per start and a counter, unique without a random draw per message. */
    private final String controlIdPrefix = UUID.randomUUID().toString().substring(0, 8) + "-";
    private final java.util.concurrent.atomic.AtomicLong controlIds = new java.util.concurrent.atomic.AtomicLong();

    public Acknowledgements(SiuReader reader) {
        this.reader = reader;
    }

    /**
     * The positive acknowledgement of a message, empty when its MSH-15 asks for none. Written directly from the inbound MSH
     * segment's own text (fields are copied as sent, in its delimiters) rather than by HAPI: every accepted message needs one,
     * and HAPI's generic ACK builder costs as much as parsing the message. It has the fields HAPI's would
     * ({@code AcknowledgementsTest} compares them), except that MSH-5 and MSH-6 keep every component of the inbound MSH-3 and
     * MSH-4 (HAPI keeps the first).
     *
     * @param frame the inbound message as received (its MSH segment is all that is read)
     */
    public Optional<String> accepted(String frame, SiuHeader header) {
        String acceptType = header.acceptAckType() == null ? null : header.acceptAckType().toUpperCase(Locale.ROOT);
        boolean enhanced = acceptType != null;
        if (enhanced && !wanted(acceptType, true)) {
            return Optional.empty();
        }
        String msh = mshSegment(frame);
        char separator = msh.charAt(3);
        String[] fields = msh.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1);
        String encoding = field(fields, 1);
        char component = encoding.isEmpty() ? '^' : encoding.charAt(0);
        String[] messageType = field(fields, 8).split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
        String trigger = messageType.length > 1 ? messageType[1] : "";
        String version = field(fields, 11);
        // ACK^<trigger>^ACK whatever the version, as HAPI answers every version it reads with its 2.5.1 model.
        String ackType = "ACK" + component + trigger + component + "ACK";
        StringBuilder ack = new StringBuilder(200).append("MSH").append(separator).append(encoding)
                .append(separator).append(field(fields, 4)).append(separator).append(field(fields, 5))
                .append(separator).append(field(fields, 2)).append(separator).append(field(fields, 3))
                .append(separator).append(ZonedDateTime.now(ZoneOffset.UTC).format(HL7_TIME_MILLIS))
                .append(separator).append(separator).append(ackType)
                .append(separator).append(nextControlId())
                .append(separator).append(field(fields, 10)).append(separator).append(version).append('\r')
                .append("MSA").append(separator).append(enhanced ? "CA" : "AA").append(separator).append(field(fields, 9))
                .append('\r');
        return Optional.of(ack.toString());
    }

    private static String mshSegment(String frame) {
        String trimmed = frame.stripLeading();
        int end = 0;
        while (end < trimmed.length() && trimmed.charAt(end) != '\r' && trimmed.charAt(end) != '\n') {
            end++;
        }
        return trimmed.substring(0, end);
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index] : "";
    }

    private String nextControlId() {
        return controlIdPrefix + Long.toString(controlIds.incrementAndGet(), 36);
    }

    /**
     * A negative acknowledgement of {@code inbound}; empty when its MSH-15 asks for none.
     *
     * @param errorCode HL7 table 0357 (e.g. {@code InvalidSiu#code()}, 207 for an internal failure)
     * @param reason    what is wrong, naming fields, never values
     */
    public Optional<String> refused(Message inbound, SiuHeader header, Outcome outcome, int errorCode, String reason) {
        return refused(inbound, header, outcome, errorCode, reason, false);
    }

    /**
     * Same; with {@code evenIfDeclined} the acknowledgement is made although MSH-15 asks for none (a transport such as HTTPS
     * must answer every request, and "no answer" would read as success).
     */
    public Optional<String> refused(Message inbound, SiuHeader header, Outcome outcome, int errorCode, String reason,
                                    boolean evenIfDeclined) {
        return answer(inbound, header, outcome, new HL7Exception(reason, ErrorCode.errorCodeFor(errorCode)), evenIfDeclined);
    }

    /** The negative acknowledgement of a frame that is not a parseable message: AR (HL7 error 100 unless given). */
    public String unparseable(String frame, int errorCode, String reason) {
        Optional<Message> header = headerOnly(frame);
        if (header.isPresent()) {
            try {
                Message ack = header.get().generateACK(AcknowledgmentCode.AR,
                        new HL7Exception(reason, ErrorCode.errorCodeFor(errorCode)));
                return ack.encode();
            } catch (HL7Exception | IOException | RuntimeException e) {
                // fall through to the minimal answer
            }
        }
        return minimal(errorCode, reason);
    }

    private Optional<String> answer(Message inbound, SiuHeader header, Outcome outcome, HL7Exception error,
                                    boolean evenIfDeclined) {
        String acceptType = header == null || header.acceptAckType() == null ? null
                : header.acceptAckType().toUpperCase(Locale.ROOT);
        boolean enhanced = acceptType != null;
        if (enhanced && !evenIfDeclined && !wanted(acceptType, outcome == Outcome.ACCEPTED)) {
            return Optional.empty();
        }
        try {
            Message ack = inbound.generateACK(enhanced ? outcome.enhanced : outcome.original, error);
            return Optional.of(ack.encode());
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("HAPI could not build the acknowledgement", e);
        }
    }

    private static boolean wanted(String acceptType, boolean success) {
        return switch (acceptType) {
            case "NE" -> false;
            case "ER" -> !success;
            case "SU" -> success;
            default -> true;
        };
    }

    private Optional<Message> headerOnly(String frame) {
        String trimmed = frame.stripLeading();
        if (!trimmed.startsWith("MSH")) {
            return Optional.empty();
        }
        int end = trimmed.indexOf('\r');
        String msh = end < 0 ? trimmed : trimmed.substring(0, end);
        try {
            return Optional.of(reader.parse(msh));
        } catch (HL7Exception | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String minimal(int errorCode, String reason) {
        ErrorCode code = ErrorCode.errorCodeFor(errorCode);
        return "MSH|^~\\&|EHR-CONNECTOR||||" + ZonedDateTime.now(ZoneOffset.UTC).format(HL7_TIME) + "||ACK|"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 20) + "|P|2.5.1\r"
                + "MSA|AR|\r"
                + "ERR|||" + code.getCode() + "^" + code.getMessage() + "^HL70357|E||||" + escape(reason) + "\r";
    }

    /** HL7 escaping of the delimiters, so a reason cannot break the ACK's structure. */
    private static String escape(String text) {
        return text.replace("\\", "\\E\\").replace("|", "\\F\\").replace("^", "\\S\\").replace("&", "\\T\\")
                .replace("~", "\\R\\").replace("\r", " ").replace("\n", " ");
    }
}
