package io.ehrconnector.launch.presence;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses a webhook request whose declared body is larger than {@code ehr.presence.max-notification-bytes} before the body
 * is read (the resource checks the length of what arrives too, for requests that declare none).
 */
class NotificationBodyLimit {

    private final PresenceSettings settings;

    NotificationBodyLimit(PresenceSettings settings) {
        this.settings = settings;
    }

    @ServerRequestFilter(preMatching = true)
    Optional<Response> limit(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/graph/")) {
            return Optional.empty();
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        try {
            if (length != null && Long.parseLong(length.strip()) > settings.maxNotificationBytes()) {
                return Optional.of(Response.status(413).build());
            }
        } catch (NumberFormatException malformed) {
            return Optional.of(Response.status(400).build());
        }
        return Optional.empty();
    }
}
