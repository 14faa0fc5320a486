package io.ehrconnector.support.entra;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The multi-tenant checks OIDC cannot do itself: issuer of the token's own tenant, a person, an onboarded hospital. */
class EntraIssuerCheckTest {

    private static final String AUTHORITY = "https://login.example.org";
    private static final String CONTOSO = "c0c0c0c0-1111-4000-8000-000000000000";
    private static final String FABRIKAM = "fab0fab0-2222-4000-8000-000000000000";

    private final EntraIssuerCheck anyTenant = new EntraIssuerCheck(AUTHORITY + "/", Optional.empty());
    private final EntraIssuerCheck onboarded = new EntraIssuerCheck(AUTHORITY, Optional.of(Set.of(CONTOSO)));

    @Test
    void aTokenOfItsOwnTenantsIssuerPasses() {
        SecurityIdentity identity = identity(token(CONTOSO, AUTHORITY + "/" + CONTOSO + "/v2.0", "admin@contoso.org"));
        assertSame(identity, anyTenant.augment(identity, null).await().indefinitely());
        assertSame(identity, onboarded.augment(identity, null).await().indefinitely());
    }

    @Test
    void aTokenWhoseIssuerIsAnotherTenantsIsRefused() {
        refused(anyTenant, token(CONTOSO, AUTHORITY + "/" + FABRIKAM + "/v2.0", "admin@contoso.org"), "issuer");
        refused(anyTenant, token(CONTOSO, "https://sts.windows.net/" + CONTOSO + "/", "admin@contoso.org"), "issuer");
    }

    @Test
    void aTokenWithoutAPersonIsRefused() {
        refused(anyTenant, token(CONTOSO, AUTHORITY + "/" + CONTOSO + "/v2.0", null), "preferred_username");
    }

    @Test
    void aTenantTheOperatorDidNotOnboardIsRefusedEvenWithValidTokens() {
        refused(onboarded, token(FABRIKAM, AUTHORITY + "/" + FABRIKAM + "/v2.0", "admin@fabrikam.org"), "onboarded");
    }

    private static void refused(EntraIssuerCheck check, JsonWebToken token, String reason) {
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class,
                () -> check.augment(identity(token), null).await().indefinitely());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    private static SecurityIdentity identity(JsonWebToken token) {
        return QuarkusSecurityIdentity.builder().setPrincipal(token).addRole(EntraRoles.ADMIN).build();
    }

    private static JsonWebToken token(String tenantId, String issuer, String username) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("tid", tenantId);
        claims.put("oid", "11111111-0000-4000-8000-000000000001");
        claims.put("iss", issuer);
        if (username != null) {
            claims.put("preferred_username", username);
        }
        return new JsonWebToken() {
            @Override
            public String getName() {
                return (String) claims.get("oid");
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
