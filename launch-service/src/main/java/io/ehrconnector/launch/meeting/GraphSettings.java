package io.ehrconnector.launch.meeting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How launch-service reaches Microsoft Graph to create visits' Teams meetings ({@code ehr.graph.*}): as the connector's
 * multi-tenant Entra ID app, app-only, with a token from each hospital's own tenant, the meeting organized by that tenant's
 * organizer account. Without organizers (the default) no tenant can have Teams meetings, and launches say so.
 */
@ConfigMapping(prefix = "ehr.graph")
public interface GraphSettings {

    /** Graph's v1.0 endpoint; another value for a national cloud or a stand-in. */
    @WithDefault("https://graph.microsoft.com/v1.0")
    URI baseUrl();

    /** Where tokens come from ({@code <authority-host>/<tenantId>}); https only, azure-identity refuses anything else. */
    @WithDefault("https://login.microsoftonline.com")
    URI authorityHost();

    /**
     * A Quarkus TLS registry entry ({@code quarkus.tls.<name>.trust-store.*}) whose trust store the authority host's
     * certificate is checked against instead of the JVM's CAs; unset in production.
     */
    Optional<String> authorityTlsConfigurationName();

    /** The connector app's client id; each hospital's admin consents to it with {@code OnlineMeetings.ReadWrite.All}. */
    Optional<String> clientId();

    /** The connector app's client secret, from a Kubernetes Secret ({@code EHR_GRAPH_CLIENT_SECRET}). */
    Optional<String> clientSecret();

    /**
     * The account that organizes each tenant's visit meetings, as one value for every hospital:
     * {@code <tenantId>:<organizerObjectId>,...} (both GUIDs). The hospital's admin grants the connector app an
     * application access policy for that account.
     */
    Optional<String> organizers();

    /** How long a launch waits for Graph (token and meeting together) before it reports that Teams is unavailable. */
    @WithDefault("PT10S")
    Duration timeout();
}
