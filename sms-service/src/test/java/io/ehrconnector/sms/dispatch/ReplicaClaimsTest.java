package io.ehrconnector.sms.dispatch;

import io.ehrconnector.sms.messages.SmsMessage;
import io.ehrconnector.support.vertx.OwnContext;
import io.ehrconnector.testing.ServiceDatabase;
import io.ehrconnector.testing.quarkus.AcsResource;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What keeps replicas apart, exercised the way replicas meet it: many claims at once on their own sessions against one
 * database. Together they take each text once and never more than the number's budget; a claim that is not settled (a
 * crashed replica) comes back when its lease runs out, counted as a second attempt.
 */
@QuarkusTest
@TestProfile(ReplicaClaimsTest.ClaimsOnly.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(AcsResource.class)
class ReplicaClaimsTest {

    static final String LIMITED = "+18005550166";
    static final String UNLIMITED = "+18005550155";

    /** The scheduled dispatcher off (the test claims by hand), a budget of 120 a minute, batches of 25, 1-second leases. */
    public static class ClaimsOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ehr.sms.dispatch.every", "off",
                    "ehr.sms.dispatch.rate-per-minute-of.\"" + LIMITED + "\"", "120",
                    "ehr.sms.dispatch.rate-per-minute-of.\"" + UNLIMITED + "\"", "100000",
                    "ehr.sms.dispatch.batch-size", "25",
                    "ehr.sms.dispatch.lease", "PT1S");
        }
    }

    @Inject
    RateLimitedClaims claims;

    @Inject
    Vertx vertx;

    @Test
    void concurrentClaimsTakeEachTextOnceAndStayWithinTheBudget() throws Throwable {
        String configuration = pendingTexts(LIMITED, 150);

        List<List<SmsMessage>> rounds = claimAtOnce(LIMITED, 8);
        List<Long> ids = rounds.stream().flatMap(List::stream).map(message -> message.id).toList();
        Set<Long> distinct = new HashSet<>(ids);
        assertEquals(ids.size(), distinct.size(), "a text was claimed twice");
        assertEquals(120, ids.size(), "8 claims of up to 25 against a budget of 120");
        assertTrue(rounds.stream().allMatch(round -> round.size() <= 25));
        assertEquals(120L, number("select coalesce(sum(sends), 0) from sms_rate_bucket where sending_number = ?", LIMITED));

        assertEquals(0, claimAtOnce(LIMITED, 2).stream().mapToInt(List::size).sum(), "the budget is spent");
        assertEquals(30L, number("select count(*) from sms_message where configuration_id = ? and attempts = 0",
                configuration));
    }

    @Test
    void aClaimThatIsNeverSettledComesBackWhenItsLeaseRunsOut() throws Throwable {
        pendingTexts(UNLIMITED, 10);
        List<SmsMessage> first = claimAtOnce(UNLIMITED, 1).getFirst();
        assertEquals(10, first.size());
        assertEquals(0, claimAtOnce(UNLIMITED, 1).getFirst().size(), "held by the lease");

        Thread.sleep(1_500);
        List<SmsMessage> again = claimAtOnce(UNLIMITED, 1).getFirst();
        assertEquals(first.stream().map(message -> message.id).sorted().toList(),
                again.stream().map(message -> message.id).sorted().toList());
        assertTrue(again.stream().allMatch(message -> message.attempts == 2));
        assertEquals(first.stream().map(message -> message.repeatabilityId).sorted().toList(),
                again.stream().map(message -> message.repeatabilityId).sorted().toList(), "same ids, so ACS sends once");
    }

    private List<List<SmsMessage>> claimAtOnce(String sendingNumber, int replicas) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Uni.join().all(IntStream.range(0, replicas)
                .mapToObj(i -> OwnContext.call(vertx, () -> claims.claim(sendingNumber))).toList()).andFailFast());
    }

    /** An appointment of a fresh configuration with {@code count} due texts from {@code sendingNumber}; its id. */
    private static String pendingTexts(String sendingNumber, int count) {
        String configuration = UUID.randomUUID().toString();
        ServiceDatabase.execute("insert into sms_appointment (configuration_id, appointment_id, starts_at, status, updated_at)"
                + " values (?, 'A1', now() + interval '1 day', 'BOOKED', now())", configuration);
        for (int i = 0; i < count; i++) {
            ServiceDatabase.execute("insert into sms_message (configuration_id, appointment_id, message_type,"
                    + " reminder_offset_s, occasion, repeatability_id, sending_number, due_at, not_before, state, created_at)"
                    + " values (?, 'A1', 'REMINDER', ?, 'start', ?, ?, now(), now() - interval '1 second', 'PENDING', now())",
                    configuration, 60L * (i + 1), UUID.randomUUID(), sendingNumber);
        }
        return configuration;
    }

    private static long number(String sql, Object... parameters) {
        return ((Number) ServiceDatabase.value(sql, parameters)).longValue();
    }
}
