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
 * What a person needs to walk through the setup and the launches by hand on the local stack: the connector's Entra ID app
 * (portal sign-in, providers' Microsoft 365 sign-in) registered with the Entra ID stand-in, and the connector's Epic apps
 * (provider and patient, test and production client ids, with their JWK Set URLs and redirect URIs) registered with the Epic
 * stand-in, exactly as a hospital's Entra admin and Epic analyst would register them. The redirect URIs are on the public
 * URL (the local ingress); config-service's own address is registered too, for a person who opens it directly.
 */
final class LocalWalkThrough {

    /** Client ids the services are configured with (application.properties: ehr.connector.*-client-id). */
    static final String TEST_PROVIDER_CLIENT = "00000000-0000-0000-0000-00000000a001";
    static final String TEST_PATIENT_CLIENT = "00000000-0000-0000-0000-00000000a002";
    static final String PRODUCTION_PROVIDER_CLIENT = "00000000-0000-0000-0000-00000000b001";
    static final String PRODUCTION_PATIENT_CLIENT = "00000000-0000-0000-0000-00000000b002";
    static final String PORTAL_CLIENT = "ehr-connector";

    static final String HINT = "(sign in as admin@contoso.onmicrosoft.com, register the Epic stand-in's FHIR URL naming"
            + " admin.analyst@contoso.onmicrosoft.com as approver; sign in again as that analyst, Sign in to Epic, Approve)";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalWalkThrough() {
    }

    static void registerPortalWithEntra(EntraIdStandIn entra, String publicUrl, String configServiceUrl,
                                        String clientSecret) {
        entra.registerClient(RegisteredClient.of(PORTAL_CLIENT, ClientAuthentication.secret(clientSecret),
                publicUrl + "/portal/signed-in", configServiceUrl + "/portal/signed-in",
                publicUrl + "/launch/m365/callback", publicUrl + "/reports/signed-in"));
    }

    static void registerConnectorWithEpic(EhrStandIn ehr, String publicUrl, String configServiceUrl) {
        registerApps(ehr, publicUrl, configServiceUrl, TEST_PROVIDER_CLIENT, TEST_PATIENT_CLIENT, "/jwks/test");
        registerApps(ehr, publicUrl, configServiceUrl, PRODUCTION_PROVIDER_CLIENT, PRODUCTION_PATIENT_CLIENT,
                "/jwks/production");
        ehr.standaloneUser(EhrUser.practitioner("E-ANALYST-1", "practitioner-analyst-1"));
    }

    /**
     * One environment's apps: the provider app is also the one the analyst's standalone sign-in proves the FHIR URL with
     * (config-service's SMART callback); both sign their code exchanges with the key at the environment's JWK Set URL.
     */
    private static void registerApps(EhrStandIn ehr, String publicUrl, String configServiceUrl, String providerClient,
                                     String patientClient, String jwksPath) {
        ClientAuthentication keys = ClientAuthentication.privateKeyJwt(URI.create(publicUrl + jwksPath));
        String launchCallback = publicUrl + "/launch/callback";
        ehr.registerClient(RegisteredClient.of(providerClient, keys, launchCallback,
                publicUrl + "/api/v1/smart/callback", configServiceUrl + "/api/v1/smart/callback"));
        ehr.registerClient(RegisteredClient.of(patientClient, keys, launchCallback));
    }

    /** 32 random bytes, base64: for the portal's session secret and the keys of one local run. */
    static String randomSecret() {
        return Base64.getEncoder().encodeToString(randomBytes());
    }

    /**
     * 32 random bytes, base64url without padding: an app's client secret. Quarkus OIDC sends it in HTTP Basic without the
     * form-encoding RFC 6749 2.3.1 asks for, which the Entra stand-in undoes, so a {@code +} would arrive as a space.
     */
    static String randomClientSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
