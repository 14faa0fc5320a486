package io.ehrconnector.support.ehr;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which OAuth endpoints a FHIR server's {@code .well-known/smart-configuration} may name: https on the FHIR server's own host,
 * or on a host the operator allowed ({@code ehr.fhir.token-endpoint-hosts}). The connector sends its signed client
 * assertions (and authorization codes) there, so a tampered configuration must not point elsewhere.
 */
public final class EhrEndpoints {

    private EhrEndpoints() {
    }

    /** {@code value} as a URI when it is such an endpoint of {@code fhirBaseUrl}; empty when it is missing or not allowed. */
    public static Optional<URI> allowed(String fhirBaseUrl, String value, List<String> allowedHosts) {
        URI uri;
        try {
            uri = URI.create(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String fhirHost = URI.create(fhirBaseUrl).getHost().toLowerCase(Locale.ROOT);
        boolean hostAllowed = host.equals(fhirHost) || allowedHosts.contains(host);
        return "https".equals(uri.getScheme()) && hostAllowed ? Optional.of(uri) : Optional.empty();
    }

    /** {@code url} without a trailing slash. */
    public static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
