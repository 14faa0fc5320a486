package io.ehrconnector.config.portal;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * CSRF protection of the portal's forms (synchronizer token): every form carries a token, and every POST must return it.
 * The token is {@code <window>.<HMAC of tenant, object id and window>} under a server secret, where the window is the
 * current period of {@code ehr.portal.csrf-token-lifetime}: a token works for its own person only and for one to two
 * periods, so a token that leaks (a saved page, a proxy log) soon stops working. Another site can make a browser POST to
 * the portal, but cannot know the token; the session cookie is also SameSite=Lax.
 */
@ApplicationScoped
public class PortalCsrf {

    public static final String FIELD = "csrf";

    private final SecretKeySpec key;
    private final long windowSeconds;
    private final Clock clock;

    @Inject
    PortalCsrf(@ConfigProperty(name = "ehr.portal.session-secret") String secret,
               @ConfigProperty(name = "ehr.portal.csrf-token-lifetime", defaultValue = "PT8H") Duration lifetime) {
        this(secret, lifetime, Clock.systemUTC());
    }

    PortalCsrf(String secret, Duration lifetime, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.windowSeconds = Math.max(60, lifetime.toSeconds());
        this.clock = clock;
    }

    public String tokenFor(Caller caller) {
        long window = currentWindow();
        return window + "." + mac(caller, window);
    }

    /** Fails with 403 unless {@code token} is the caller's, from this period or the one before. */
    public void verify(Caller caller, String token) {
        if (!valid(caller, token)) {
            throw new ProblemException(Problem.of(403, "csrf-token-invalid", "Form expired or forged",
                    "This form did not come from your portal session, or it is too old. Reload the page and submit it again."));
        }
    }

    private boolean valid(Caller caller, String token) {
        if (token == null || token.length() > 128) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot < 1) {
            return false;
        }
        long window;
        try {
            window = Long.parseLong(token.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        long current = currentWindow();
        if (window != current && window != current - 1) {
            return false;
        }
        return MessageDigest.isEqual(mac(caller, window).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private long currentWindow() {
        return clock.instant().getEpochSecond() / windowSeconds;
    }

    private String mac(Caller caller, long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("portal-csrf|" + caller.tenantId() + "|" + caller.objectId() + "|" + window)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
