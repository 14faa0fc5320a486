package io.ehrconnector.config.portal;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.support.problem.Problem;
import io.ehrconnector.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * CSRF protection of the portal's forms (synchronizer token): every form carries a token that is an HMAC of the signed-in
 * person's tenant and object id under a server secret, and every POST must return it. Another site can make a browser POST
 * to the portal, but cannot know the token; the session cookie is also SameSite=Lax.
 */
@ApplicationScoped
public class PortalCsrf {

    public static final String FIELD = "csrf";

    private final SecretKeySpec key;

    PortalCsrf(@ConfigProperty(name = "ehr.portal.session-secret") String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String tokenFor(Caller caller) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(("portal-csrf|" + caller.tenantId() + "|" + caller.objectId())
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fails with 403 unless {@code token} is the caller's. */
    public void verify(Caller caller, String token) {
        if (token == null || !MessageDigest.isEqual(tokenFor(caller).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII))) {
            throw new ProblemException(Problem.of(403, "csrf-token-invalid", "Form expired or forged",
                    "This form did not come from your portal session. Reload the page and submit it again."));
        }
    }
}
