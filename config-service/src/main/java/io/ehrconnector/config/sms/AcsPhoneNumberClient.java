package io.ehrconnector.config.sms;

import com.azure.communication.phonenumbers.PhoneNumbersClient;
import com.azure.communication.phonenumbers.PhoneNumbersClientBuilder;
import com.azure.core.credential.AzureKeyCredential;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import io.ehrconnector.support.acs.AcsHttp;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Azure Communication Services phone numbers SDK, built once from {@link AcsConfig} on the JDK HTTP client (no Netty).
 * Its calls block: use it on worker threads only. The access key never leaves the credential (HTTP logging is off).
 */
@ApplicationScoped
class AcsPhoneNumberClient {

    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]{1,100})\"");
    private static final Pattern ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"([^\"]{1,300})\"");

    private final AcsConfig config;
    private volatile PhoneNumbersClient client;

    AcsPhoneNumberClient(AcsConfig config) {
        this.config = config;
    }

    boolean configured() {
        return AcsHttp.configured(config);
    }

    /** The host of the endpoint, for messages (never the key). */
    String endpointHost() {
        return AcsHttp.endpointHost(config);
    }

    PhoneNumbersClient client() {
        if (!configured()) {
            throw SmsProblems.acsNotConfigured();
        }
        PhoneNumbersClient current = client;
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

    private PhoneNumbersClient build() {
        return new PhoneNumbersClientBuilder()
                .endpoint(config.endpoint().orElseThrow())
                .credential(new AzureKeyCredential(config.accessKey().orElseThrow()))
                .httpClient(new JdkHttpClientBuilder(AcsHttp.jdkClient(config)).responseTimeout(config.httpTimeout()).build())
                .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE))
                .buildClient();
    }

    /**
     * Why an Azure call failed, for the admin who reads the job: what the connector was doing, what Azure answered (its
     * error code and message, which name no patient data) and what to do. Never the access key or request headers.
     */
    String explain(String doing, Throwable failure) {
        Throwable e = failure;
        while (e.getCause() != null && !(e instanceof HttpResponseException)) {
            e = e.getCause();
        }
        if (e instanceof HttpResponseException http && http.getResponse() != null) {
            int status = http.getResponse().getStatusCode();
            String text = String.valueOf(http.getMessage());
            Matcher code = ERROR_CODE.matcher(text);
            Matcher message = ERROR_MESSAGE.matcher(text);
            String answer = "HTTP " + status + (code.find() ? " " + code.group(1) : "")
                    + (message.find() ? ": " + message.group(1) : "");
            String advice = switch (status) {
                case 401, 403 -> " The connector's access key for the resource was refused; ask the operator to check"
                        + " ehr.acs.access-key.";
                case 429, 500, 502, 503, 504 -> " Azure is busy or unavailable; try again in a few minutes.";
                default -> " Try again; if it keeps failing, check the resource's phone numbers in the Azure portal.";
            };
            return "Azure Communication Services refused " + doing + " (" + answer + ")." + advice;
        }
        if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof java.util.concurrent.TimeoutException) {
            return "Azure Communication Services (" + endpointHost() + ") could not be reached during " + doing
                    + "; try again in a few minutes.";
        }
        if (e instanceof io.ehrconnector.support.problem.ProblemException problem) {
            return problem.problem().detail();
        }
        return "Unexpected failure during " + doing + " (" + e.getClass().getSimpleName() + "); try again, and tell the"
                + " operator if it keeps failing.";
    }
}
