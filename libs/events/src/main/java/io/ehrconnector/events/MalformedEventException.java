package io.ehrconnector.events;

/**
 * A record that is not a valid event of this contract. The message says why (which attribute or field, which rule) and never
 * contains a value of the record, so consumers can log it and use it as the dead-letter reason as it is.
 */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }
}
