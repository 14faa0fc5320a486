package io.ehrconnector.support.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;

/**
 * A CDI event fired once a newer key ring of {@code environment} is committed, so this replica drops the signing key it
 * remembers; other replicas see the change when their copy expires.
 */
public record ConnectorKeyRingChanged(Environment environment) {
}
