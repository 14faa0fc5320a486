package io.ehrconnector.audit.query;

import io.ehrconnector.support.entra.EntraClaims;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The Entra tenant ({@code tid}) of the current request's verified token: the boundary of what the caller sees. */
@RequestScoped
public class CallerTenant {

    private final SecurityIdentity identity;

    CallerTenant(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String get() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        return token.getClaim(EntraClaims.TENANT_ID);
    }
}
