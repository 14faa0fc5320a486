package io.ehrconnector.testing.quarkus;

import io.ehrconnector.testing.standins.EntraIdStandIn;

/**
 * The one Entra ID stand-in of the application under test, shared by the resources that need Entra ({@link EntraIdResource}
 * for people signing in, {@link GraphResource} for the connector's app-only Graph tokens): a test class that uses both meets
 * one Entra, with one signing key, and {@code @InjectStandIn EntraIdStandIn} is that one. The first resource to start starts
 * it, the last to stop stops it, so each application under test still gets a fresh one.
 */
final class SharedEntraIdStandIn {

    private static EntraIdStandIn current;
    private static int users;

    private SharedEntraIdStandIn() {
    }

    /** The running stand-in (plain HTTP, and HTTPS for clients that insist on it); started if no resource holds it yet. */
    static synchronized EntraIdStandIn acquire() {
        if (current == null) {
            current = new EntraIdStandIn(0).alsoServeHttps(true).start();
        }
        users++;
        return current;
    }

    /** Gives back what {@link #acquire()} gave; the last user's release stops the stand-in. */
    static synchronized void release() {
        if (users == 0) {
            return;
        }
        users--;
        if (users == 0) {
            current.stop();
            current = null;
        }
    }
}
