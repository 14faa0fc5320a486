package io.ehrconnector.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts itself. They are drawn from 20000-32000, below Linux's ephemeral range (32768 and up), so
 * the many outbound connections of a busy test JVM cannot take a port between the moment it is chosen and the moment the
 * server binds it; a port is never handed out twice in one JVM.
 *
 * <p>Quarkus tests load this class once per class loader (a test profile's class and the resources of each application
 * start live in different ones), so what was handed out is kept where every loader sees it: one system property per port.
 * A per-loader set once gave a test profile's HTTP port to the next Kafka broker before the application had bound it.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final String HANDED_OUT = "io.ehrconnector.testing.free-port.";

    private FreePorts() {
    }

    /** A port nothing listens on now and that this JVM has not handed out before. */
    public static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!System.getProperties().containsKey(HANDED_OUT + port) && isFree(port) && handOut(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
    }

    /** Marks {@code port} handed out JVM-wide; false when another caller (of any class loader) took it first. */
    private static boolean handOut(int port) {
        return System.getProperties().putIfAbsent(HANDED_OUT + port, "handed out") == null;
    }

    /** True when {@code port} can be bound now. */
    public static boolean isFree(int port) {
        try (ServerSocket any = new ServerSocket(port)) {
            return any.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
