package io.ehrconnector.testing.standins;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The OAuth clients an authorization server stand-in knows. */
final class ClientRegistry {

    private final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();

    void register(RegisteredClient client) {
        clients.put(client.clientId(), client);
    }

    Optional<RegisteredClient> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
    }

    /** Whether any registered client lists this URI (Entra's check for post-logout redirects). */
    boolean anyAllowsRedirect(String uri) {
        return clients.values().stream().anyMatch(client -> client.allowsRedirect(uri));
    }
}
