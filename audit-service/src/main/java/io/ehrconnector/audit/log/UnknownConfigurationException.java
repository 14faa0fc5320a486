package io.ehrconnector.audit.log;

/**
 * An event names a configuration this service has not received yet (the configurations topic is read independently). Retried
 * with backoff like any transient failure, then dead-lettered; the message names no data.
 */
public class UnknownConfigurationException extends RuntimeException {

    public UnknownConfigurationException() {
        super("the event's configuration is not known to audit-service yet", null, false, false);
    }
}
