package io.ehrconnector.support.links;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Optional;

/**
 * {@link JoinLinkTokens} as a bean, in the services built with {@code ehr.join-links.enabled=true} (sms-service mints,
 * launch-service verifies). Made at start, so a missing or malformed {@code ehr.join-links.keys} stops the service with a
 * message saying what to set; outside dev and test the published dev/test key is refused.
 */
@ApplicationScoped
@IfBuildProperty(name = JoinLinkTokensProducer.ENABLED, stringValue = "true")
public class JoinLinkTokensProducer {

    /** Build-time property that gives a service the bean. */
    public static final String ENABLED = "ehr.join-links.enabled";

    @Produces
    @Singleton
    @Startup
    JoinLinkTokens joinLinkTokens(@ConfigProperty(name = "ehr.join-links.keys") Optional<String> keys) {
        return new JoinLinkTokens(keys(keys.orElse(null), LaunchMode.current() == LaunchMode.NORMAL), Clock.systemUTC());
    }

    /**
     * @param production true in the prod profile, where the published dev/test key is refused
     * @throws IllegalStateException when the keys are missing, malformed, or the dev/test key in production
     */
    static JoinLinkKeys keys(String configured, boolean production) {
        String hint = " Set EHR_JOIN_LINKS_KEYS (ehr.join-links.keys) to <id 0-255>:<base64 of 32 random bytes>, e.g."
                + " 1:$(openssl rand -base64 32), current key first, from the secret sms-service and launch-service share.";
        JoinLinkKeys keys;
        try {
            keys = JoinLinkKeys.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage() + "." + hint);
        }
        if (production && keys.devTestKeyListed()) {
            throw new IllegalStateException("ehr.join-links.keys lists the published dev/test key." + hint);
        }
        return keys;
    }
}
