package io.ehrconnector.launch.provider;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The connector's Entra ID app as providers sign in with it, once, to link their EHR user to their Microsoft 365 account
 * ({@code ehr.entra.*}; the client id is the one config-service's portal uses).
 */
@ConfigMapping(prefix = "ehr.entra")
public interface EntraSettings {

    /** The Entra ID authority host; the configuration's tenant id is appended, so only that tenant's users can sign in. */
    @WithDefault("https://login.microsoftonline.com")
    String authority();

    String clientId();

    /** From a secret. */
    String clientSecret();

    /** A link not used by any launch for this long is deleted (the provider signs in again next time). */
    @WithDefault("P400D")
    Duration unusedAccountRetention();
}
