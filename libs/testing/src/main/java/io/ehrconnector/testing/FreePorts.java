package io.ehrconnector.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts itself. They are drawn from 20000-32000, below Linux's ephemeral range (32768 and up), so
 * the many outbound connections of a busy test JVM cannot take a port between the moment it is chosen and the moment the
 * server binds it; a port is never handed out twice in one JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST = 32_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port nothing listens on now and that this JVM has not handed out before. */
    public static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (!HANDED_OUT.contains(port) && isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
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
