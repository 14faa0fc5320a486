package io.ehrconnector.config.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, from the verified Entra token. */
@RequestScoped
class CallerProducer {

    private final SecurityIdentity identity;

    CallerProducer(SecurityIdentity identity) {
        this.identity = identity;
    }

    @Produces
    @RequestScoped
    Caller caller() {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        return new Caller(token.getClaim(EntraClaims.TENANT_ID), token.getClaim(EntraClaims.OBJECT_ID),
                token.getClaim(EntraClaims.USERNAME), identity.getRoles());
    }
}
