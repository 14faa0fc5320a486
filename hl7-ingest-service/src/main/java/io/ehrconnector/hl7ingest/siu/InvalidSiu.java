package io.ehrconnector.hl7ingest.siu;

/**
 * An SIU message the connector cannot take, with the HL7 error code (table 0357) for the ERR segment of the negative
 * acknowledgement and a reason that names fields, never their values (they may be personal data).
 */
public final class InvalidSiu extends RuntimeException {

    public static final int SEGMENT_SEQUENCE_ERROR = 100;
    public static final int REQUIRED_FIELD_MISSING = 101;
    public static final int DATA_TYPE_ERROR = 102;
    public static final int TABLE_VALUE_NOT_FOUND = 103;
    public static final int UNSUPPORTED_MESSAGE_TYPE = 200;
    public static final int UNSUPPORTED_EVENT_CODE = 201;
    public static final int UNSUPPORTED_VERSION_ID = 203;
    /** Also used for a sender or configuration the connector does not know (or no longer serves). */
    public static final int UNKNOWN_KEY_IDENTIFIER = 204;
    public static final int APPLICATION_INTERNAL_ERROR = 207;

    private final int code;

    public InvalidSiu(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    /** HL7 table 0357 error code. */
    public int code() {
        return code;
    }
}
