package io.ehrconnector.config.security;

import io.ehrconnector.support.entra.EntraClaims;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, read from the verified Entra token. */
@RequestScoped
public class CurrentCaller {

    private final SecurityIdentity identity;

    CurrentCaller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller get() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        return new Caller(token.getClaim(EntraClaims.TENANT_ID), token.getClaim(EntraClaims.OBJECT_ID),
                token.getClaim(EntraClaims.USERNAME), identity.getRoles());
    }
}
