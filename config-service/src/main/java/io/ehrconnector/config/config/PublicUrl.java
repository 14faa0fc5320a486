package io.ehrconnector.config.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * Addresses on the connector's public URL ({@code ehr.connector.public-url}). Redirects, links and cookies are made from it,
 * never from the request: behind the ingress, which ends TLS, requests arrive as plain http, and their Host header is
 * whatever the client sent.
 */
@ApplicationScoped
public class PublicUrl {

    private final String base;

    PublicUrl(ConnectorConfig connector) {
        String url = connector.publicUrl();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The public URL without a trailing slash. */
    public String base() {
        return base;
    }

    /** {@code path} (starting with a slash) on the public URL. */
    public URI at(String path) {
        return URI.create(base + path);
    }

    /** True when browsers reach the connector over https, so its cookies can be {@code Secure}. */
    public boolean https() {
        return base.regionMatches(true, 0, "https:", 0, 6);
    }
}
