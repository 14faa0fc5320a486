package io.ehrconnector.events;

/**
 * A record that is not a valid event of this contract. The message says why (which attribute or field, which rule) and never
 * contains a value of the record, so consumers can log it and let it become the dead-letter reason as it is.
 *
 * <p>It has no cause on purpose: the dead-letter queue also copies the cause's message into a header, and the causes here
 * (Jackson's exceptions) quote the input.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }
}
