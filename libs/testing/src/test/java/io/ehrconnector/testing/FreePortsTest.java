package io.ehrconnector.testing;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FreePortsTest {

    private static final int DRAWS = 200;

    /** As Quarkus tests do: a test profile's class and an application's test resources load FreePorts separately. */
    @Test
    void twoClassLoadersNeverHandOutOnePort() throws Exception {
        URL classes = FreePorts.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new URLClassLoader(new URL[]{classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> otherFreePorts = other.loadClass(FreePorts.class.getName());
            assertNotSame(FreePorts.class, otherFreePorts, "a second copy of the class");
            Method next = otherFreePorts.getMethod("next");

            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < DRAWS; i++) {
                ports.add((Integer) next.invoke(null));
                ports.add(FreePorts.next());
            }

            // 400 draws from 12,000 ports: separate bookkeeping would repeat about three of them
            assertEquals(2 * DRAWS, ports.size());
            assertTrue(ports.stream().allMatch(port -> port >= 20_000 && port < 32_000));
        }
    }
}
