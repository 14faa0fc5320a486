package io.ehrconnector.config.portal;

import jakarta.ws.rs.core.Response;

/**
 * The portal's redirects after a form: a 303 to a portal path, as a relative reference (RFC 9110 allows it), which the
 * browser resolves against the address it is using. JAX-RS would make it absolute from the request, which behind the
 * ingress (TLS ended there) is plain http.
 */
final class PortalRedirects {

    private PortalRedirects() {
    }

    static Response seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER).header("Location", path).build();
    }
}
