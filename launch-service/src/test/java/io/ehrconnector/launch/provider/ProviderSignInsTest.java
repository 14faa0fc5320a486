package io.ehrconnector.launch.provider;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ehrconnector.launch.smart.LaunchRefused;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The link is only ever made to an account of the configuration's own tenant. */
class ProviderSignInsTest {

    private static final String TENANT = "11111111-c0c0-4000-8000-00000000c0c0";

    @Test
    void anAccountOfTheConfigurationsTenantIsLinkedByItsObjectId() {
        assertEquals("oid-1", ProviderSignIns.objectIdOfTenant(claims(TENANT, "oid-1"), TENANT));
    }

    @Test
    void anAccountOfAnotherTenantOrWithoutObjectIdIsRefused() {
        for (JWTClaimsSet claims : new JWTClaimsSet[] {claims("22222222-fab0-4000-8000-00000000fab0", "oid-1"),
                claims(null, "oid-1"), claims(TENANT, null), claims(TENANT, " ")}) {
            LaunchRefused refused = assertThrows(LaunchRefused.class,
                    () -> ProviderSignIns.objectIdOfTenant(claims, TENANT));
            assertEquals(403, refused.status());
        }
    }

    private static JWTClaimsSet claims(String tid, String oid) {
        return new JWTClaimsSet.Builder().claim("tid", tid).claim("oid", oid).build();
    }
}
