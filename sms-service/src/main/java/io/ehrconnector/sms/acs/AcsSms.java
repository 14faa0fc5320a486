package io.ehrconnector.sms.acs;

import com.azure.communication.common.implementation.HmacAuthenticationPolicy;
import com.azure.communication.sms.SmsAsyncClient;
import com.azure.communication.sms.SmsClientBuilder;
import com.azure.communication.sms.models.SmsSendOptions;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.RequestIdPolicy;
import io.ehrconnector.support.acs.AcsHttp;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import reactor.core.Disposable;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * Sends one SMS through the Azure Communication Services SMS SDK ({@link SmsAsyncClient} on the JDK HTTP client).
 *
 * <p>The SDK's pipeline is built here rather than by {@link SmsClientBuilder}, for three reasons: the builder adds custom
 * policies after its HMAC policy, but {@link RepeatabilityPolicy} changes the body and must run before it is signed; the
 * SDK's own retries must be off (the caller retries with backoff and counts each attempt against the sending number's
 * rate limit); and HTTP logging must be off (bodies hold numbers and texts). So the pipeline is: request id,
 * repeatability, HMAC ({@code azure-communication-common}'s own policy, the one the builder would use), no retry, no
 * logging.
 */
@ApplicationScoped
public class AcsSms {

    private final AcsSettings settings;
    private volatile SmsAsyncClient client;

    AcsSms(AcsSettings settings) {
        this.settings = settings;
    }

    /**
     * Sends one text. The same repeatabilityId and firstSent on a retry make ACS answer with the first result instead of
     * sending again. The Uni completes on the caller's Vert.x context (callers continue with Hibernate Reactive); it never
     * fails: every failure is an {@link AcsSendResult}.
     *
     * @param from           the sending number (E.164), one of the resource's
     * @param to             the recipient (E.164)
     * @param repeatabilityId the same for every attempt of this text
     * @param firstSent      when the first attempt was made; the same for every attempt
     * @param deliveryReport whether ACS should report delivery through Event Grid
     */
    public Uni<AcsSendResult> send(String from, String to, String text, UUID repeatabilityId, OffsetDateTime firstSent,
                                   boolean deliveryReport) {
        Objects.requireNonNull(repeatabilityId, "repeatabilityId");
        Objects.requireNonNull(firstSent, "firstSent");
        Context caller = Vertx.currentContext();
        Uni<AcsSendResult> result;
        if (!AcsHttp.configured(settings)) {
            Log.warn("SMS not sent: ehr.acs.endpoint and ehr.acs.access-key are not set");
            result = Uni.createFrom().item(new AcsSendResult(AcsSendResult.Kind.RETRYABLE, null, 0, "NotConfigured"));
        } else {
            SmsSendOptions options = new SmsSendOptions().setDeliveryReportEnabled(deliveryReport)
                    .setTag(repeatabilityId.toString());
            result = Uni.createFrom().<AcsSendResult>emitter(emitter -> {
                Disposable call = client().send(from, to, text, options)
                        .contextWrite(reactor.util.context.Context.of(
                                RepeatabilityPolicy.REQUEST_ID, repeatabilityId,
                                RepeatabilityPolicy.FIRST_SENT, firstSent))
                        .subscribe(sent -> emitter.complete(AcsOutcomes.of(sent)),
                                failure -> emitter.complete(AcsOutcomes.of(failure)),
                                () -> emitter.complete(AcsOutcomes.of(new IllegalStateException("no result"))));
                emitter.onTermination(call::dispose);
            }).ifNoItem().after(deadline()).recoverWithItem(() ->
                    new AcsSendResult(AcsSendResult.Kind.RETRYABLE, null, 0, "Timeout"));
        }
        return caller == null ? result : result.emitOn(command -> caller.runOnContext(ignored -> command.run()));
    }

    /** A guard above the HTTP client's own connect and response timeouts. */
    private Duration deadline() {
        return settings.httpTimeout().multipliedBy(2).plusSeconds(1);
    }

    private SmsAsyncClient client() {
        SmsAsyncClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                current = client;
            }
        }
        return current;
    }

    private SmsAsyncClient build() {
        HttpPipeline pipeline = new HttpPipelineBuilder()
                .httpClient(new JdkHttpClientBuilder(AcsHttp.jdkClient(settings))
                        .responseTimeout(settings.httpTimeout()).build())
                .policies(new RequestIdPolicy(), new RepeatabilityPolicy(),
                        new HmacAuthenticationPolicy(new AzureKeyCredential(settings.accessKey().orElseThrow())))
                .build();
        return new SmsClientBuilder().endpoint(settings.endpoint().orElseThrow().strip()).pipeline(pipeline)
                .buildAsyncClient();
    }
}
