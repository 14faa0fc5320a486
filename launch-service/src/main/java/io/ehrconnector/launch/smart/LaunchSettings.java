package io.ehrconnector.launch.smart;

import io.smallrye.config.ConfigMapping;

/**
 * What Epic knows the connector by: its public base URL (the redirect URI is made from it) and its Epic app registrations.
 * The same {@code ehr.connector.*} values config-service shows in the integration records, so one Helm value sets both.
 */
@ConfigMapping(prefix = "ehr.connector")
public interface LaunchSettings {

    /** The connector's public https base URL behind the ingress, e.g. https://teams-ehr.hospital.org. */
    String publicUrl();

    EpicClients test();

    EpicClients production();

    interface EpicClients {

        String providerClientId();

        String patientClientId();
    }

    /** The one redirect URI registered with every app in Epic. */
    default String redirectUri() {
        return publicBase() + "/launch/callback";
    }

    /** The redirect URI of a provider's first (linking) Microsoft 365 sign-in, registered with the Entra ID app. */
    default String providerSignInRedirectUri() {
        return publicBase() + "/launch/m365/callback";
    }

    private String publicBase() {
        return publicUrl().endsWith("/") ? publicUrl().substring(0, publicUrl().length() - 1) : publicUrl();
    }
}
