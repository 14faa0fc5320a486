package io.ehrconnector.support.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.events.Topics;

/**
 * This service cannot sign for an environment: the connector's key has not reached it, or it cannot open it. The message
 * says what to check; it names environments, versions and kids only, never key material.
 */
public class NoSigningKeyException extends RuntimeException {

    private NoSigningKeyException(String message) {
        super(message, null, false, false);
    }

    static NoSigningKeyException noRing(String service, Environment environment) {
        return new NoSigningKeyException("The connector's signing key for " + environment + " has not reached " + service
                + " yet: no key ring from config-service on " + Topics.CONNECTOR_KEYS + ". Check that config-service runs"
                + " (it publishes the ring when the environment's first key is made, on every change and after each start)"
                + " and that " + service + " consumes the topic.");
    }

    static NoSigningKeyException noActiveKey(Environment environment, long version) {
        return new NoSigningKeyException("The connector's key ring for " + environment + " (version " + version
                + ") has no ACTIVE key. Check the keys of " + environment + " in config-service.");
    }

    static NoSigningKeyException doesNotOpen(String service, Environment environment, String kid, String failure) {
        return new NoSigningKeyException("The connector's ACTIVE key " + kid + " for " + environment + " does not open with"
                + " ehr.keys.master-key (" + failure + "). " + service + " must run with the same master key"
                + " (EHR_KEYS_MASTER_KEY) as config-service.");
    }
}
