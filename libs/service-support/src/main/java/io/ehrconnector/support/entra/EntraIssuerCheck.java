package io.ehrconnector.support.entra;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * The multi-tenant issuer check Entra ID asks of multi-tenant apps: OIDC accepts tokens of any tenant (the
 * {@code organizations} endpoint has no single issuer), so here the token's {@code iss} must be exactly the issuer of the tenant
 * the token names in {@code tid}; {@code tid}, {@code oid} and {@code preferred_username} must be present (app-only tokens
 * have no person to act for); and, when {@code ehr.entra.allowed-tenants} is set, the tenant must be one of the hospitals
 * the operator onboarded (every organisation can grant itself the connector's app roles). A token that fails is not
 * authenticated.
 *
 * <p>A bean only in services built with {@code ehr.entra-sign-in.enabled=true} (config-service, audit-service), which
 * declare quarkus-oidc themselves; service-support declares it optional.
 */
@ApplicationScoped
@IfBuildProperty(name = EntraIssuerCheck.ENABLED, stringValue = "true")
public class EntraIssuerCheck implements SecurityIdentityAugmentor {

    /** Build-time property that gives a service this check. */
    public static final String ENABLED = "ehr.entra-sign-in.enabled";

    private final String authority;
    private final Optional<Set<String>> allowedTenants;

    public EntraIssuerCheck(@ConfigProperty(name = "ehr.entra.authority") String authority,
                            @ConfigProperty(name = "ehr.entra.allowed-tenants") Optional<Set<String>> allowedTenants) {
        this.authority = authority.endsWith("/") ? authority.substring(0, authority.length() - 1) : authority;
        this.allowedTenants = allowedTenants;
        if (allowedTenants.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            Log.warn("ehr.entra.allowed-tenants is not set: people of every Entra ID organisation that grants itself the"
                    + " connector's app roles can sign in. Set it to your hospital's tenant id(s).");
        }
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String tenantId = token.getClaim(EntraClaims.TENANT_ID);
        String objectId = token.getClaim(EntraClaims.OBJECT_ID);
        if (tenantId == null || tenantId.isBlank() || objectId == null || objectId.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token without tid or oid"));
        }
        if (!(authority + "/" + tenantId + "/v2.0").equals(token.getIssuer())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("issuer does not belong to the token's tenant"));
        }
        String username = token.getClaim(EntraClaims.USERNAME);
        if (username == null || username.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("token without preferred_username"));
        }
        if (allowedTenants.isPresent() && !allowedTenants.get().contains(tenantId)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("tenant not onboarded"));
        }
        return Uni.createFrom().item(identity);
    }
}
