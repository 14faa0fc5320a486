package io.ehrconnector.config.keys;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The path segment of each Epic environment in URLs ({@code /jwks/test}, {@code /jwks/production}): its lower-case name. */
final class EnvironmentPaths {

    static final String ALL = Arrays.stream(Environment.values()).map(EnvironmentPaths::segment)
            .collect(Collectors.joining(", "));

    private EnvironmentPaths() {
    }

    static String segment(Environment environment) {
        return environment.name().toLowerCase(Locale.ROOT);
    }

    /** The environment named exactly by {@code segment} (lower case), if any. */
    static Optional<Environment> parse(String segment) {
        return Arrays.stream(Environment.values()).filter(e -> segment(e).equals(segment)).findFirst();
    }
}
