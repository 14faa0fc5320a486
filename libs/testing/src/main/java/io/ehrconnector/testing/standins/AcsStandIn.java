package io.ehrconnector.testing.standins;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Azure Communication Services (SMS and phone numbers) on WireMock over HTTPS, because the Azure SDK refuses plain HTTP
 * with an access key. At start it makes a self-signed certificate for 127.0.0.1; clients trust it through
 * {@link #sslContext()} or {@link #trustStorePath()}. Every request must carry a valid HMAC-SHA256 signature made with
 * {@link #accessKey()} (401 otherwise).
 *
 * <pre>{@code
 * SmsClient sms = new SmsClientBuilder()
 *         .endpoint(acs.endpoint())
 *         .credential(new AzureKeyCredential(acs.accessKey()))
 *         .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(acs.sslContext())).build())
 *         .buildClient();
 * }</pre>
 */
public final class AcsStandIn implements AutoCloseable {

    private final int port;
    private final String accessKey;
    private final AcsHmacAuthentication hmac;
    private final AcsSmsEndpoint sms = new AcsSmsEndpoint();
    private final AcsPhoneNumbers phoneNumbers = new AcsPhoneNumbers(this::endpoint);
    private final Router router = new Router(request -> AcsErrors.error(404, "NotFound", "Unknown ACS endpoint."));
    private SelfSignedTls tls;
    private WireMockHost host;

    /** @param port the HTTPS port, 0 for any free one; the access key is random */
    public AcsStandIn(int port) {
        this(port, randomAccessKey());
    }

    /** @param accessKey base64 access key the clients sign with (as in an ACS connection string) */
    public AcsStandIn(int port, String accessKey) {
        this.port = port;
        this.accessKey = accessKey;
        this.hmac = new AcsHmacAuthentication(accessKey);
        router.filter(this::authentication)
                .on("POST", "/sms", sms::send)
                .on("POST", "/availablePhoneNumbers/countries/([A-Z]{2})/:search", phoneNumbers::search)
                .on("GET", "/availablePhoneNumbers/searchResults/([^/]+)", phoneNumbers::searchResult)
                .on("POST", "/availablePhoneNumbers/:purchase", phoneNumbers::purchase)
                .on("GET", "/phoneNumbers/operations/([^/]+)", phoneNumbers::operation)
                .on("GET", "/phoneNumbers", phoneNumbers::list)
                .on("GET", "/phoneNumbers/([^/]+)", phoneNumbers::get)
                .on("DELETE", "/phoneNumbers/([^/]+)", phoneNumbers::release);
    }

    public AcsStandIn() {
        this(0);
    }

    public synchronized AcsStandIn start() {
        tls = SelfSignedTls.generate("acs");
        WireMockConfiguration options = WireMockConfiguration.options()
                .httpDisabled(true)
                .keystorePath(tls.keyStore().toString())
                .keystorePassword(tls.password())
                .keyManagerPassword(tls.password())
                .keystoreType(SelfSignedTls.STORE_TYPE);
        options = port == 0 ? options.dynamicHttpsPort() : options.httpsPort(port);
        host = new WireMockHost("acs", options, router);
        host.start();
        return this;
    }

    public synchronized void stop() {
        if (host != null) {
            host.stop();
            tls.delete();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** {@code https://127.0.0.1:port}: the ACS resource endpoint. */
    public String endpoint() {
        return started().httpsBaseUrl();
    }

    /** Same as {@link #endpoint()}. */
    public String baseUrl() {
        return endpoint();
    }

    /** The base64 access key clients sign with. */
    public String accessKey() {
        return accessKey;
    }

    /** {@code endpoint=https://127.0.0.1:port/;accesskey=...}, as the Azure portal shows it. */
    public String connectionString() {
        return "endpoint=" + endpoint() + "/;accesskey=" + accessKey;
    }

    /** An SSLContext trusting this stand-in's certificate (and nothing else). */
    public SSLContext sslContext() {
        started();
        return tls.clientContext();
    }

    /** A PKCS12 trust store holding this stand-in's certificate, for clients configured by file. */
    public Path trustStorePath() {
        started();
        return tls.trustStore();
    }

    public String trustStorePassword() {
        started();
        return tls.password();
    }

    /** Always {@code PKCS12}. */
    public String trustStoreType() {
        return SelfSignedTls.STORE_TYPE;
    }

    public WireMockServer wireMock() {
        return started().server();
    }

    // ---- set-up and failure injection --------------------------------------------------------------------------

    /** The next {@code count} sends fail with {@code status} (429 or 5xx) before anything is sent. */
    public void failNextSends(int count, int status) {
        sms.failNext(count, status);
    }

    /**
     * The next {@code count} sends are accepted and recorded, but answered with {@code status}: the client's retry with
     * the same repeatability id must not send twice.
     */
    public void failNextSendsAfterAccepting(int count, int status) {
        sms.failNextAfterAccepting(count, status);
    }

    /** How many times an operation reports "running" before "succeeded" (default 1). */
    public void operationPollsBeforeDone(int polls) {
        phoneNumbers.pollsBeforeDone(polls);
    }

    /** Adds a number the resource already owns (e.g. the SMS sender of the local stack). */
    public AcsStandIn ownPhoneNumber(String e164, String phoneNumberType) {
        phoneNumbers.own(e164, phoneNumberType);
        return this;
    }

    // ---- what it received --------------------------------------------------------------------------------------

    /** Each recipient entry of each accepted send, in order (repeats included and marked). */
    public List<SentSms> sentMessages() {
        return sms.sent();
    }

    public List<String> purchasedPhoneNumbers() {
        return phoneNumbers.purchasedNumbers();
    }

    public List<StandInRequest> requests() {
        return router.received();
    }

    /** Whether a recorded request carries a valid HMAC signature for this stand-in's access key. */
    public boolean hasValidSignature(StandInRequest request) {
        return hmac.problem(request).isEmpty();
    }

    private Optional<StandInResponse> authentication(StandInRequest request) {
        return hmac.problem(request).map(problem -> AcsErrors.error(401, "Denied", "Denied by the resource provider. " + problem));
    }

    private WireMockHost started() {
        WireMockHost current = host;
        if (current == null) {
            throw new IllegalStateException("start() the stand-in first");
        }
        return current;
    }

    private static String randomAccessKey() {
        byte[] key = new byte[64];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Runs the stand-in alone until killed: {@code java ... AcsStandIn [port]}. */
    public static void main(String[] args) {
        AcsStandIn acs = new AcsStandIn(args.length > 0 ? Integer.parseInt(args[0]) : 0).start();
        System.out.println("ACS stand-in: " + acs.connectionString() + " (trust store " + acs.trustStorePath() + ")");
    }
}
