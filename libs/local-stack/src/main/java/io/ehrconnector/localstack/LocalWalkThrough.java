package io.ehrconnector.localstack;

import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EhrUser;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.RegisteredClient;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What a person needs to walk through the setup by hand on the local stack: the connector's portal registered with the
 * Entra ID stand-in, and the connector's Epic apps (test and production client ids, with their JWK Set URLs) registered
 * with the Epic stand-in, exactly as a hospital's Entra admin and Epic analyst would register them.
 */
final class LocalWalkThrough {

    /** Client ids the config-service is configured with (application.properties: ehr.connector.*.provider-client-id). */
    static final String TEST_PROVIDER_CLIENT = "00000000-0000-0000-0000-00000000a001";
    static final String PRODUCTION_PROVIDER_CLIENT = "00000000-0000-0000-0000-00000000b001";
    static final String PORTAL_CLIENT = "ehr-connector";

    static final String HINT = "(sign in as admin@contoso.onmicrosoft.com, register the Epic stand-in's FHIR URL naming"
            + " admin.analyst@contoso.onmicrosoft.com as approver; sign in again as that analyst, Sign in to Epic, Approve)";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalWalkThrough() {
    }

    static void registerPortalWithEntra(EntraIdStandIn entra, String configServiceUrl, String clientSecret) {
        entra.registerClient(RegisteredClient.of(PORTAL_CLIENT, ClientAuthentication.secret(clientSecret),
                configServiceUrl + "/portal/signed-in"));
    }

    static void registerConnectorWithEpic(EhrStandIn ehr, String configServiceUrl) {
        String callback = configServiceUrl + "/api/v1/smart/callback";
        ehr.registerClient(RegisteredClient.of(TEST_PROVIDER_CLIENT,
                ClientAuthentication.privateKeyJwt(URI.create(configServiceUrl + "/jwks/test")), callback));
        ehr.registerClient(RegisteredClient.of(PRODUCTION_PROVIDER_CLIENT,
                ClientAuthentication.privateKeyJwt(URI.create(configServiceUrl + "/jwks/production")), callback));
        ehr.standaloneUser(EhrUser.practitioner("E-ANALYST-1", "practitioner-analyst-1"));
    }

    /** 32 random bytes, base64: for the portal's secrets and the key-sealing key of one local run. */
    static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
