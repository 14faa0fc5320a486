package io.ehrconnector.sms.acs;

import com.fasterxml.jackson.databind.JsonNode;
import io.ehrconnector.sms.acs.AcsSendResult.Kind;
import io.ehrconnector.testing.quarkus.AcsResource;
import io.ehrconnector.testing.quarkus.InjectStandIn;
import io.ehrconnector.testing.quarkus.KafkaResource;
import io.ehrconnector.testing.quarkus.PostgresResource;
import io.ehrconnector.testing.standins.AcsStandIn;
import io.ehrconnector.testing.standins.SentSms;
import io.ehrconnector.testing.standins.StandInRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One SMS through the real ACS SMS SDK against the HTTPS ACS stand-in, which checks the HMAC signature. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(AcsResource.class)
class AcsSmsTest {

    private static final String FROM = "+18005550100";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AcsSms sms;

    @Inject
    AcsSettings settings;

    @Inject
    Vertx vertx;

    @InjectStandIn
    AcsStandIn acs;

    @Test
    void sendsExactlyTheRequestWithOurRepeatabilityIdAndFirstSentSignedWithTheAccessKey() {
        String to = uniqueNumber();
        UUID id = UUID.randomUUID();
        OffsetDateTime firstSent = OffsetDateTime.of(2026, 12, 6, 9, 30, 15, 0, ZoneOffset.ofHours(-5));
        int before = acs.requests().size();

        AcsSendResult result = send(to, "Your video visit is at 10:00. Join: https://x.example/v/abc", id, firstSent, true);

        assertEquals(Kind.ACCEPTED, result.kind());
        assertEquals(202, result.httpStatus());
        assertNull(result.errorCode());
        SentSms sent = only(to);
        assertEquals(FROM, sent.from());
        assertEquals("Your video visit is at 10:00. Join: https://x.example/v/abc", sent.message());
        assertEquals(id.toString(), sent.repeatabilityRequestId());
        assertEquals(result.messageId(), sent.messageId());
        assertTrue(sent.deliveryReportRequested());
        assertEquals(id.toString(), sent.tag());
        assertFalse(sent.repeat());

        List<StandInRequest> requests = acs.requests();
        assertEquals(before + 1, requests.size(), "one HTTP request, no retries by the SDK");
        StandInRequest request = requests.getLast();
        assertEquals("POST", request.method());
        assertTrue(acs.hasValidSignature(request), "the HMAC signature covers the rewritten body");
        JsonNode recipients = request.json().path("smsRecipients");
        assertEquals(1, recipients.size());
        assertEquals(to, recipients.get(0).path("to").asText());
        assertEquals("Sun, 06 Dec 2026 14:30:15 GMT", recipients.get(0).path("repeatabilityFirstSent").asText());
    }

    @Test
    void aRetryWithTheSameIdsAfterAFailureThatFollowedAcceptanceIsARepeatNotASecondText() {
        String to = uniqueNumber();
        UUID id = UUID.randomUUID();
        OffsetDateTime firstSent = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        acs.failNextSendsAfterAccepting(1, 503);

        AcsSendResult failed = send(to, "Reminder", id, firstSent, false);
        AcsSendResult retried = send(to, "Reminder", id, firstSent, false);

        assertEquals(Kind.RETRYABLE, failed.kind());
        assertEquals(503, failed.httpStatus());
        assertEquals(Kind.ACCEPTED, retried.kind());
        List<SentSms> entries = sentTo(to);
        assertEquals(2, entries.size());
        assertFalse(entries.get(0).repeat());
        assertTrue(entries.get(1).repeat(), "ACS answered the retry from the first result");
        assertEquals(entries.get(0).messageId(), retried.messageId());
    }

    @Test
    void tooManyRequestsAndServiceUnavailableAreRetryableAndTheSdkDoesNotRetryOnItsOwn() {
        for (int status : new int[]{429, 503}) {
            String to = uniqueNumber();
            acs.failNextSends(1, status);
            int before = acs.requests().size();

            AcsSendResult result = send(to, "Hello", UUID.randomUUID(), OffsetDateTime.now(), false);

            assertEquals(Kind.RETRYABLE, result.kind());
            assertEquals(status, result.httpStatus());
            assertNull(result.messageId());
            assertEquals(before + 1, acs.requests().size(), "exactly one attempt for " + status);
            assertTrue(sentTo(to).isEmpty());
        }
    }

    @Test
    void anInvalidNumberIsPermanentAndItsResultQuotesNothingOfTheNumber() {
        AcsSendResult result = send("12345", "Hello", UUID.randomUUID(), OffsetDateTime.now(), false);

        assertEquals(Kind.INVALID_NUMBER, result.kind());
        assertEquals(400, result.httpStatus());
        assertNull(result.messageId());
        assertNotNull(result.errorCode());
        assertFalse(result.errorCode().contains("12345"), result.errorCode());
    }

    @Test
    void aWrongAccessKeyIsRefused() {
        AcsSms wrongKey = new AcsSms(new AcsSettings() {
            @Override
            public Optional<String> endpoint() {
                return settings.endpoint();
            }

            @Override
            public Optional<String> accessKey() {
                return Optional.of("d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktd3Jvbmcta2V5LXdyb25nLWtleQ==");
            }

            @Override
            public TrustStore trustStore() {
                return settings.trustStore();
            }

            @Override
            public Duration httpTimeout() {
                return settings.httpTimeout();
            }
        });
        String to = uniqueNumber();

        AcsSendResult result = wrongKey.send(FROM, to, "Hello", UUID.randomUUID(), OffsetDateTime.now(), false)
                .await().atMost(WAIT);

        assertEquals(Kind.REFUSED, result.kind());
        assertEquals(401, result.httpStatus());
        assertEquals("Denied", result.errorCode());
        assertTrue(sentTo(to).isEmpty());
    }

    @Test
    void theResultArrivesOnTheCallersVertxContext() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Context> completedOn = new CompletableFuture<>();
        context.runOnContext(ignored -> sms.send(FROM, uniqueNumber(), "Hello", UUID.randomUUID(), OffsetDateTime.now(), false)
                .subscribe().with(result -> completedOn.complete(Vertx.currentContext()), completedOn::completeExceptionally));

        assertSame(context, completedOn.get(30, TimeUnit.SECONDS));
    }

    private AcsSendResult send(String to, String text, UUID id, OffsetDateTime firstSent, boolean deliveryReport) {
        return sms.send(FROM, to, text, id, firstSent, deliveryReport).await().atMost(WAIT);
    }

    private SentSms only(String to) {
        List<SentSms> entries = sentTo(to);
        assertEquals(1, entries.size(), "texts to the number");
        return entries.getFirst();
    }

    private List<SentSms> sentTo(String to) {
        return acs.sentMessages().stream().filter(sent -> sent.to().equals(to)).toList();
    }

    private static String uniqueNumber() {
        return "+1425" + String.format("%07d", (long) (Math.random() * 10_000_000));
    }
}
