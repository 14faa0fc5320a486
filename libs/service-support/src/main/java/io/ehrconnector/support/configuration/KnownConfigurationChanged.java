package io.ehrconnector.support.configuration;

/**
 * A CDI event fired once a newer snapshot of a configuration is committed to known_configuration, for in-memory views of
 * the configurations to drop what they remember (on this replica; others see the change when their own copy expires).
 */
public record KnownConfigurationChanged(String configurationId) {
}
