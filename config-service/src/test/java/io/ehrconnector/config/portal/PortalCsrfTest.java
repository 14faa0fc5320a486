package io.ehrconnector.config.portal;

import io.ehrconnector.config.security.Caller;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.support.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PortalCsrfTest {

    private static final Caller ADMIN = new Caller("tenant-a", "oid-admin", "admin@a.org", Set.of(Roles.ADMIN));
    private static final Caller SAME_OID_OTHER_TENANT = new Caller("tenant-b", "oid-admin", "admin@b.org", Set.of(Roles.ADMIN));
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    private static PortalCsrf at(Instant now) {
        return new PortalCsrf("a-secret-of-enough-length-for-tests", Duration.ofHours(8), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenWorksForItsPersonForItsPeriodAndTheNextThenExpires() {
        String token = at(T0).tokenFor(ADMIN);
        assertDoesNotThrow(() -> at(T0).verify(ADMIN, token));
        assertDoesNotThrow(() -> at(T0.plus(Duration.ofHours(8))).verify(ADMIN, token));
        ProblemException expired = assertThrows(ProblemException.class, () -> at(T0.plus(Duration.ofHours(17))).verify(ADMIN, token));
        assertEquals(403, expired.problem().status());
        assertThrows(ProblemException.class, () -> at(T0.minus(Duration.ofHours(8))).verify(ADMIN, token), "not from the future");
    }

    @Test
    void anotherPersonsOrAlteredOrGarbageTokenIsRefused() {
        String token = at(T0).tokenFor(ADMIN);
        assertThrows(ProblemException.class, () -> at(T0).verify(SAME_OID_OTHER_TENANT, token));
        String window = token.substring(0, token.indexOf('.'));
        String otherWindow = (Long.parseLong(window) - 1) + token.substring(token.indexOf('.'));
        assertThrows(ProblemException.class, () -> at(T0).verify(ADMIN, otherWindow), "the window is signed too");
        for (String garbage : new String[] {null, "", ".", "x.y", "." + token, "9".repeat(30) + ".abc", "a".repeat(500)}) {
            assertThrows(ProblemException.class, () -> at(T0).verify(ADMIN, garbage), String.valueOf(garbage));
        }
        PortalCsrf otherSecret = new PortalCsrf("another-secret-entirely-for-tests", Duration.ofHours(8),
                Clock.fixed(T0, ZoneOffset.UTC));
        assertThrows(ProblemException.class, () -> otherSecret.verify(ADMIN, token));
    }
}
