package io.ehrconnector.events;

import io.ehrconnector.events.ConfigurationSnapshot.Environment;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The path segment of each Epic environment in URLs ({@code /jwks/test}, {@code /launch/production/...},
 * {@code /api/v1/certificates/test}): its lower-case name.
 */
public final class EnvironmentPaths {

    public static final String ALL = Arrays.stream(Environment.values()).map(EnvironmentPaths::segment)
            .collect(Collectors.joining(", "));

    private EnvironmentPaths() {
    }

    public static String segment(Environment environment) {
        return environment.name().toLowerCase(Locale.ROOT);
    }

    /** The environment named exactly by {@code segment} (lower case), if any. */
    public static Optional<Environment> parse(String segment) {
        return Arrays.stream(Environment.values()).filter(e -> segment(e).equals(segment)).findFirst();
    }
}
