package io.ehrconnector.testing.standins;

import com.azure.communication.phonenumbers.PhoneNumbersClient;
import com.azure.communication.phonenumbers.PhoneNumbersClientBuilder;
import com.azure.communication.phonenumbers.models.PhoneNumberAssignmentType;
import com.azure.communication.phonenumbers.models.PhoneNumberCapabilities;
import com.azure.communication.phonenumbers.models.PhoneNumberCapabilityType;
import com.azure.communication.phonenumbers.models.PhoneNumberOperation;
import com.azure.communication.phonenumbers.models.PhoneNumberSearchOptions;
import com.azure.communication.phonenumbers.models.PhoneNumberSearchResult;
import com.azure.communication.phonenumbers.models.PhoneNumberType;
import com.azure.communication.phonenumbers.models.PurchasedPhoneNumber;
import com.azure.communication.sms.SmsClient;
import com.azure.communication.sms.SmsClientBuilder;
import com.azure.communication.sms.models.SmsSendOptions;
import com.azure.communication.sms.models.SmsSendResult;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.Context;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real ACS SDKs (SMS, phone numbers) over TLS against {@link AcsStandIn}, signing with HMAC-SHA256. */
class AcsStandInTest {

    private static final String SENDER = "+18335550100";
    private static final String RECIPIENT = "+14255550123";

    private static AcsStandIn acs;
    private static HttpClient httpClient;

    @BeforeAll
    static void start() {
        acs = new AcsStandIn(0).start().ownPhoneNumber(SENDER, "tollFree");
        httpClient = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(acs.sslContext())).build();
    }

    @AfterAll
    static void stop() {
        acs.stop();
    }

    @BeforeEach
    void noLeftoverFailures() {
        acs.failNextSends(0, 0);
        acs.failNextSendsAfterAccepting(0, 0);
    }

    private static SmsClient sms(String accessKey) {
        return sms(accessKey, 2);
    }

    private static SmsClient sms(String accessKey, int maxRetries) {
        return new SmsClientBuilder()
                .endpoint(acs.endpoint())
                .credential(new AzureKeyCredential(accessKey))
                .httpClient(httpClient)
                .retryOptions(new RetryOptions(new FixedDelayOptions(maxRetries, Duration.ofMillis(10))))
                .buildClient();
    }

    @Test
    void sendsAnSmsWithAValidHmacSignature() {
        int before = acs.requests().size();
        SmsSendResult result = sms(acs.accessKey()).send(SENDER, RECIPIENT, "Your visit link: https://connector.example/j/abc",
                new SmsSendOptions().setTag("confirmation").setDeliveryReportEnabled(true));
        assertTrue(result.isSuccessful());
        assertEquals(202, result.getHttpStatusCode());
        assertTrue(result.getMessageId().startsWith("Outgoing_"));

        StandInRequest request = acs.requests().get(before);
        assertEquals("POST", request.method());
        assertEquals("/sms?api-version=2021-03-07", request.pathAndQuery());
        assertTrue(request.header("Authorization").startsWith("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature="));
        assertTrue(acs.hasValidSignature(request));
        JsonNode body = request.json();
        assertEquals(SENDER, body.get("from").asText());
        assertEquals(RECIPIENT, body.get("smsRecipients").get(0).get("to").asText());
        assertFalse(body.get("smsRecipients").get(0).get("repeatabilityRequestId").asText().isEmpty());
        assertEquals("Your visit link: https://connector.example/j/abc", body.get("message").asText());
        assertEquals("confirmation", body.get("smsSendOptions").get("tag").asText());

        SentSms sent = acs.sentMessages().getLast();
        assertEquals(result.getMessageId(), sent.messageId());
        assertTrue(sent.deliveryReportRequested());
        assertFalse(sent.repeat());
    }

    @Test
    void aWrongAccessKeyIsDenied() {
        int sentBefore = acs.sentMessages().size();
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        HttpResponseException denied = assertThrows(HttpResponseException.class,
                () -> sms(otherKey).send(SENDER, RECIPIENT, "hello"));
        assertEquals(401, denied.getResponse().getStatusCode());
        assertEquals(sentBefore, acs.sentMessages().size());
        assertFalse(acs.hasValidSignature(acs.requests().getLast()));
    }

    @Test
    void injectedFailuresAreRetriedByTheSdk() {
        int requestsBefore = acs.requests().size();
        int sentBefore = acs.sentMessages().size();
        acs.failNextSends(1, 500);
        SmsSendResult result = sms(acs.accessKey()).send(SENDER, RECIPIENT, "retry me");
        assertTrue(result.isSuccessful());
        assertEquals(requestsBefore + 2, acs.requests().size());
        assertEquals(sentBefore + 1, acs.sentMessages().size());

        acs.failNextSends(1, 429);
        HttpResponseException throttled = assertThrows(HttpResponseException.class,
                () -> sms(acs.accessKey(), 0).send(SENDER, RECIPIENT, "throttled"));
        assertEquals(429, throttled.getResponse().getStatusCode());
        assertEquals("1", throttled.getResponse().getHeaderValue("Retry-After"));
        assertEquals(sentBefore + 1, acs.sentMessages().size());
    }

    @Test
    void aRetryAfterALostResponseIsARepeatNotASecondSms() {
        int sentBefore = acs.sentMessages().size();
        acs.failNextSendsAfterAccepting(1, 500);
        SmsSendResult result = sms(acs.accessKey()).send(SENDER, RECIPIENT, "only once");
        List<SentSms> attempts = acs.sentMessages().subList(sentBefore, acs.sentMessages().size());
        assertEquals(2, attempts.size());
        assertFalse(attempts.get(0).repeat());
        assertTrue(attempts.get(1).repeat());
        assertEquals(attempts.get(0).repeatabilityRequestId(), attempts.get(1).repeatabilityRequestId());
        assertEquals(attempts.get(0).messageId(), result.getMessageId());
    }

    @Test
    void searchAndPurchaseANumberAsLongRunningOperations() {
        acs.operationPollsBeforeDone(1);
        PhoneNumbersClient numbers = new PhoneNumbersClientBuilder()
                .endpoint(acs.endpoint())
                .credential(new AzureKeyCredential(acs.accessKey()))
                .httpClient(httpClient)
                .buildClient();
        SyncPoller<PhoneNumberOperation, PhoneNumberSearchResult> search = numbers.beginSearchAvailablePhoneNumbers("US",
                PhoneNumberType.TOLL_FREE, PhoneNumberAssignmentType.APPLICATION,
                new PhoneNumberCapabilities().setCalling(PhoneNumberCapabilityType.NONE).setSms(PhoneNumberCapabilityType.INBOUND_OUTBOUND),
                new PhoneNumberSearchOptions().setQuantity(1), Context.NONE);
        search.setPollInterval(Duration.ofMillis(20));
        PhoneNumberSearchResult found = search.getFinalResult();
        assertEquals(1, found.getPhoneNumbers().size());
        String number = found.getPhoneNumbers().getFirst();
        assertTrue(number.matches("\\+1833555010\\d|\\+18335550\\d\\d\\d?"), number);

        SyncPoller<PhoneNumberOperation, ?> purchase = numbers.beginPurchasePhoneNumbers(found.getSearchId(), Context.NONE);
        purchase.setPollInterval(Duration.ofMillis(20));
        purchase.getFinalResult();
        assertTrue(acs.purchasedPhoneNumbers().contains(number));

        List<String> listed = numbers.listPurchasedPhoneNumbers().stream().map(PurchasedPhoneNumber::getPhoneNumber).toList();
        assertTrue(listed.containsAll(List.of(SENDER, number)), listed.toString());
        assertTrue(acs.requests().stream().anyMatch(r -> r.rawPath().startsWith("/phoneNumbers/operations/search_")));
    }
}
