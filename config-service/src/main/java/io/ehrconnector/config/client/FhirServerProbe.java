package io.ehrconnector.config.client;

import io.ehrconnector.support.ehr.EhrTrust;
import io.ehrconnector.support.ehr.LimitedBodyCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ehrconnector.support.Failures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks an EHR FHIR base URL the way the connector will use it, so an administrator learns at once what to fix:
 * <ol>
 *   <li>syntax ({@link FhirBaseUrl#parse}): absolute https, no query, fragment or user name; normalised;</li>
 *   <li>FHIR release from the last path segment: {@code /R4} or {@code /DSTU2};</li>
 *   <li>{@code GET [base]/metadata} ({@code Accept: application/fhir+json}): a CapabilityStatement with fhirVersion 4.0.x
 *       (R4) or a Conformance with 1.0.x (DSTU2), matching the URL;</li>
 *   <li>{@code GET [base]/.well-known/smart-configuration}: absolute https {@code authorization_endpoint} and
 *       {@code token_endpoint}, and {@code S256} in {@code code_challenge_methods_supported} (PKCE is required); the token
 *       endpoint on the FHIR server's own host or one the operator allows ({@code ehr.fhir.token-endpoint-hosts}), since
 *       the connector sends its signed credentials there.</li>
 * </ol>
 * Every failure is a {@link ProbeProblem} whose message says what to fix; the probe itself never fails (its {@code Uni}
 * always ends with a {@link ProbeResult}). Connection failures (unknown host, refused, timeout, TLS) end the probe at the
 * first request; HTTP-level problems with the metadata still let the SMART configuration be checked, so one probe
 * reports both.
 *
 * <p>Calls use the Vert.x web client with connect and idle timeouts, an overall limit, a response size limit (a larger
 * body is cut off and the connection closed), no compression, and trust from {@link EhrTrust} (public CAs plus
 * {@code ehr.fhir.trust-store}). Redirects are followed only to the same https host and port, at most
 * {@code ehr.fhir.probe.max-redirects} times. Response bodies are never quoted in messages or logs.
 *
 * <p>The SMART authorization flow uses {@link #probe(String)} to discover a server's endpoints.
 */
@ApplicationScoped
public class FhirServerProbe {

    /** Accept header for metadata: R4's media type first, DSTU2's and plain JSON as fallbacks. */
    static final String FHIR_JSON = "application/fhir+json, application/json+fhir;q=0.9, application/json;q=0.8";
    static final String SMART_CONFIGURATION_PATH = "/.well-known/smart-configuration";

    private static final Pattern VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}(\\.\\d{1,3})?(-[a-z0-9]{1,16})?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient client;
    private final FhirClientConfig.Probe limits;
    private final Set<String> tokenEndpointHosts;

    @Inject
    public FhirServerProbe(Vertx vertx, FhirClientConfig config) {
        this.limits = config.probe();
        this.tokenEndpointHosts = config.tokenEndpointHosts().orElse(List.of()).stream()
                .map(host -> host.trim().toLowerCase(Locale.ROOT)).filter(host -> !host.isEmpty()).collect(Collectors.toSet());
        WebClientOptions options = new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout(millis(limits.connectTimeout()))
                .setIdleTimeout(millis(limits.idleTimeout()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setVerifyHost(true)
                .setTryUseCompression(false)
                .setDecompressionSupported(false)
                .setKeepAlive(false)
                .setUserAgent("ehr-connector FHIR probe");
        EhrTrust.trustOptions(config.trustStore()).ifPresent(options::setTrustOptions);
        this.client = WebClient.create(vertx, options);
        LimitedBodyCodec.install(client.getDelegate());
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Probes {@code url} as entered by an administrator; never fails, problems are in the result. */
    public Uni<ProbeResult> probe(String url) {
        FhirBaseUrl base;
        try {
            base = FhirBaseUrl.parse(url);
        } catch (FhirBaseUrl.Invalid e) {
            return Uni.createFrom().item(ProbeResult.rejected(e.problem()));
        }
        Duration total = limits.totalTimeout();
        return discover(base)
                .ifNoItem().after(total).recoverWithItem(() -> result(base, List.of(new ProbeProblem(ProbeProblem.Code.TIMEOUT,
                        "The server at " + origin(URI.create(base.url())) + " did not complete metadata and SMART discovery within "
                                + seconds(total) + ". Check that it is healthy and that nothing between this server and it "
                                + "slows or drops the traffic; then try again.")), null))
                .invoke(result -> Log.infof("FHIR probe of %s: %s", base.url(),
                        result.ok() ? "ok" : result.problems().stream().map(p -> p.code().name()).toList()));
    }

    private Uni<ProbeResult> discover(FhirBaseUrl base) {
        return fetch(URI.create(base.url() + "/metadata"), FHIR_JSON, limits.maxRedirects()).flatMap(metadata -> {
            List<ProbeProblem> problems = new ArrayList<>();
            if (metadata instanceof Failed failed) {
                problems.add(failed.problem());
                if (failed.connection()) {
                    return Uni.createFrom().item(result(base, problems, null));
                }
            } else {
                checkMetadata(base, (Answer) metadata, problems);
            }
            return fetch(URI.create(base.url() + SMART_CONFIGURATION_PATH), "application/json", limits.maxRedirects())
                    .map(smart -> {
                        Endpoints endpoints = null;
                        if (smart instanceof Failed failed) {
                            problems.add(failed.problem());
                        } else {
                            endpoints = checkSmartConfiguration(base, (Answer) smart, problems);
                            checkTokenEndpointHost(base, endpoints, problems);
                        }
                        return result(base, problems, endpoints);
                    });
        });
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private sealed interface Fetched permits Answer, Failed {
    }

    /** A final (non-redirect) answer. */
    private record Answer(URI url, int status, String contentType, byte[] body) implements Fetched {
    }

    /** No usable answer; {@code connection}: the server could not be talked to at all. */
    private record Failed(ProbeProblem problem, boolean connection) implements Fetched {
    }

    private Uni<Fetched> fetch(URI url, String accept, int redirectsLeft) {
        LimitedBodyCodec body = new LimitedBodyCodec(limits.maxResponseBytes());
        return client.getAbs(url.toString())
                .putHeader("Accept", accept)
                .connectTimeout(millis(limits.connectTimeout()))
                .idleTimeout(millis(limits.idleTimeout()))
                .followRedirects(false)
                .as(BodyCodec.<byte[]>newInstance(body))
                .send()
                .onItem().transformToUni(response -> isRedirect(response.statusCode())
                        ? redirect(url, response.getHeader("Location"), accept, redirectsLeft)
                        : Uni.createFrom().<Fetched>item(answer(url, response)))
                .onFailure().recoverWithItem(failure -> failed(url, body.exceeded() ? new LimitedBodyCodec.TooLarge(
                        limits.maxResponseBytes()) : failure))
                // The overall limit cancels a probe that is still reading: close that connection too.
                .onCancellation().invoke(body::abort);
    }

    private static Answer answer(URI url, HttpResponse<byte[]> response) {
        byte[] body = response.body();
        return new Answer(url, response.statusCode(), response.getHeader("Content-Type"), body == null ? new byte[0] : body);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Uni<Fetched> redirect(URI from, String location, String accept, int redirectsLeft) {
        URI to;
        try {
            to = location == null ? null : from.resolve(location.strip());
        } catch (IllegalArgumentException e) {
            to = null;
        }
        if (to == null || to.getHost() == null) {
            return Uni.createFrom().item(new Failed(new ProbeProblem(ProbeProblem.Code.REDIRECTED, "GET " + from.getRawPath()
                    + " was redirected without a valid Location. Check the URL with the EHR team."), false));
        }
        if (!"https".equalsIgnoreCase(to.getScheme())) {
            return Uni.createFrom().item(new Failed(new ProbeProblem(ProbeProblem.Code.REDIRECTED, "GET " + from.getRawPath()
                    + " was redirected to plain http, which the connector refuses. Ask the EHR team for the https address "
                    + "and enter that."), false));
        }
        if (!origin(to).equals(origin(from))) {
            return Uni.createFrom().item(new Failed(new ProbeProblem(ProbeProblem.Code.REDIRECTED, "GET " + from.getRawPath()
                    + " on " + origin(from) + " was redirected to another server, " + origin(to) + ", which the connector does "
                    + "not follow. If the FHIR endpoint moved there, enter its FHIR base URL on that server instead."), false));
        }
        if (redirectsLeft <= 0) {
            return Uni.createFrom().item(new Failed(new ProbeProblem(ProbeProblem.Code.REDIRECTED, "GET " + from.getRawPath()
                    + " was redirected more than " + limits.maxRedirects() + " times. Enter the address the redirects end "
                    + "at, or ask the EHR team to fix the redirect loop."), false));
        }
        return fetch(to, accept, redirectsLeft - 1);
    }

    /** Maps a failed request to what to fix; {@code connection} for everything but a cut-off body. */
    private Failed failed(URI url, Throwable failure) {
        String where = origin(url);
        if (has(failure, LimitedBodyCodec.TooLarge.class)) {
            return new Failed(new ProbeProblem(ProbeProblem.Code.RESPONSE_TOO_LARGE, "GET " + url.getRawPath() + " on " + where
                    + " answered with more than " + limits.maxResponseBytes() + " bytes, so the answer was cut off. A FHIR "
                    + "server's metadata and SMART configuration are much smaller: check that the URL is the FHIR base."), false);
        }
        if (has(failure, UnknownHostException.class)) {
            return new Failed(new ProbeProblem(ProbeProblem.Code.UNKNOWN_HOST, "The host name " + url.getHost()
                    + " does not resolve. Check its spelling; if it is an internal name, check that this server's DNS "
                    + "knows it."), true);
        }
        if (has(failure, SSLException.class)) {
            return new Failed(tlsProblem(url, failure), true);
        }
        if (has(failure, TimeoutException.class) || has(failure, io.netty.channel.ConnectTimeoutException.class)) {
            return new Failed(new ProbeProblem(ProbeProblem.Code.TIMEOUT, where + " did not answer GET " + url.getRawPath()
                    + " within " + seconds(limits.connectTimeout()) + " (connect) / " + seconds(limits.idleTimeout())
                    + " (answer). Check that the server is up and that no firewall drops traffic from this server."), true);
        }
        if (has(failure, ConnectException.class) || has(failure, NoRouteToHostException.class)) {
            return new Failed(new ProbeProblem(ProbeProblem.Code.UNREACHABLE, "Nothing accepted a connection at " + where
                    + ". Check the host and port, that the EHR's FHIR service is running, and that firewalls let this server "
                    + "reach it."), true);
        }
        if (has(failure, SocketException.class) || has(failure, IOException.class)
                || has(failure, io.vertx.core.http.HttpClosedException.class)) {
            return new Failed(new ProbeProblem(ProbeProblem.Code.UNREACHABLE, where + " closed the connection before "
                    + "answering GET " + url.getRawPath() + ". Check that this port serves HTTPS for the FHIR endpoint, and that "
                    + "no proxy or firewall cuts the connection."), true);
        }
        Log.warnf("FHIR probe of %s failed unexpectedly: %s", where, Failures.classChain(failure));
        return new Failed(new ProbeProblem(ProbeProblem.Code.UNREACHABLE, "The request to " + where + " failed ("
                + failure.getClass().getSimpleName() + "). Check the URL and try again; if it persists, report it with "
                + "the time of the attempt."), true);
    }

    private static ProbeProblem tlsProblem(URI url, Throwable failure) {
        String host = url.getHost();
        String message;
        if (has(failure, CertificateExpiredException.class) || has(failure, CertificateNotYetValidException.class)) {
            message = "The TLS certificate of " + host + " has expired (or is not valid yet). The EHR team must renew it.";
        } else if (has(failure, CertPathBuilderException.class) || has(failure, CertPathValidatorException.class)) {
            message = "The TLS certificate of " + host + " is not issued by a certificate authority this server trusts. If "
                    + "the hospital uses its own CA, add that CA's certificate to the trust store set in "
                    + "ehr.fhir.trust-store.path; otherwise ask the EHR team for a publicly trusted certificate.";
        } else if (has(failure, CertificateException.class)) {
            message = "The TLS certificate of " + host + " is not valid for the name " + host + ". Enter the host name the "
                    + "certificate is issued for (usually the public DNS name, not an IP address or alias).";
        } else {
            message = "The TLS handshake with " + origin(url) + " failed. Check that this port serves HTTPS (not plain http) "
                    + "with TLS 1.2 or later.";
        }
        return new ProbeProblem(ProbeProblem.Code.TLS_FAILURE, message);
    }

    // ---- metadata ------------------------------------------------------------------------------------------------

    private static void checkMetadata(FhirBaseUrl base, Answer metadata, List<ProbeProblem> problems) {
        String request = "GET " + base.url() + "/metadata";
        if (metadata.status() != 200) {
            problems.add(new ProbeProblem(ProbeProblem.Code.METADATA_UNAVAILABLE, request + " answered HTTP "
                    + metadata.status() + ". " + statusAdvice(metadata.status(), "metadata")));
            return;
        }
        Optional<JsonNode> document = json(metadata);
        if (document.isEmpty()) {
            problems.add(new ProbeProblem(ProbeProblem.Code.METADATA_NOT_FHIR, request + notJsonAdvice(metadata)));
            return;
        }
        JsonNode statement = document.get();
        String resourceType = statement.path("resourceType").asText("");
        if (!resourceType.equals("CapabilityStatement") && !resourceType.equals("Conformance")) {
            problems.add(new ProbeProblem(ProbeProblem.Code.METADATA_NOT_FHIR, request + " did not return a FHIR "
                    + "CapabilityStatement (R4) or Conformance (DSTU2). Check that the URL is the FHIR base, not another "
                    + "endpoint of the EHR."));
            return;
        }
        String fhirVersion = statement.path("fhirVersion").asText("");
        if (fhirVersion.isEmpty()) {
            problems.add(new ProbeProblem(ProbeProblem.Code.METADATA_NOT_FHIR, request + " does not state its fhirVersion, "
                    + "so the FHIR release cannot be checked. Ask the EHR team which FHIR base URL to use."));
            return;
        }
        FhirVersion spoken = FhirVersion.R4.matches(fhirVersion) ? FhirVersion.R4
                : FhirVersion.DSTU2.matches(fhirVersion) ? FhirVersion.DSTU2 : null;
        String shown = VERSION.matcher(fhirVersion).matches() ? " (fhirVersion " + fhirVersion + ")" : "";
        if (spoken == null) {
            problems.add(new ProbeProblem(ProbeProblem.Code.VERSION_MISMATCH, "The server at " + base.url() + " speaks a FHIR "
                    + "release the connector does not support" + shown + ". Enter the instance's R4 address "
                    + "(…/api/FHIR/R4) or DSTU2 address (…/api/FHIR/DSTU2)."));
        } else if (spoken != base.version()) {
            problems.add(new ProbeProblem(ProbeProblem.Code.VERSION_MISMATCH, "The URL ends in /" + base.version()
                    + " but the server there speaks FHIR " + spoken + shown + ". Enter the instance's " + base.version()
                    + " address, or register this server as " + spoken + " with a URL ending in /" + spoken + "."));
        } else if (!resourceType.equals(spoken.metadataResourceType())) {
            problems.add(new ProbeProblem(ProbeProblem.Code.METADATA_NOT_FHIR, request + " returned a " + resourceType
                    + " for FHIR " + spoken + ", which should be a " + spoken.metadataResourceType() + ". Ask the EHR team "
                    + "to check the server."));
        }
    }

    // ---- SMART configuration -------------------------------------------------------------------------------------

    private record Endpoints(URI authorization, URI token, URI jwks) {
    }

    private static Endpoints checkSmartConfiguration(FhirBaseUrl base, Answer smart, List<ProbeProblem> problems) {
        String request = "GET " + base.url() + SMART_CONFIGURATION_PATH;
        if (smart.status() != 200) {
            String advice = smart.status() == 404
                    ? "The server does not publish SMART on FHIR discovery. Ask the EHR team to enable SMART on FHIR (OAuth 2.0) "
                    + "for this FHIR endpoint: the connector needs it to sign users in."
                    : statusAdvice(smart.status(), "SMART configuration");
            problems.add(new ProbeProblem(ProbeProblem.Code.SMART_CONFIGURATION_UNAVAILABLE, request + " answered HTTP "
                    + smart.status() + ". " + advice));
            return null;
        }
        Optional<JsonNode> document = json(smart).filter(JsonNode::isObject);
        if (document.isEmpty()) {
            problems.add(new ProbeProblem(ProbeProblem.Code.SMART_CONFIGURATION_INVALID, request + notJsonAdvice(smart)));
            return null;
        }
        JsonNode config = document.get();
        URI authorization = endpoint(config, "authorization_endpoint", true, problems);
        URI token = endpoint(config, "token_endpoint", true, problems);
        URI jwks = endpoint(config, "jwks_uri", false, problems);
        boolean s256 = false;
        for (JsonNode method : config.path("code_challenge_methods_supported")) {
            s256 |= "S256".equals(method.asText());
        }
        if (!s256) {
            problems.add(new ProbeProblem(ProbeProblem.Code.PKCE_S256_NOT_SUPPORTED, "The SMART configuration of "
                    + base.url() + " does not list S256 in code_challenge_methods_supported. The connector requires PKCE with "
                    + "S256 (SMART App Launch 2.0); ask the EHR team to enable it for this endpoint."));
        }
        return authorization == null || token == null ? null : new Endpoints(authorization, token, jwks);
    }

    /** Client assertions and codes go to the token endpoint: only to the FHIR server's own host unless the operator allows more. */
    private void checkTokenEndpointHost(FhirBaseUrl base, Endpoints endpoints, List<ProbeProblem> problems) {
        if (endpoints == null) {
            return;
        }
        String fhirHost = URI.create(base.url()).getHost().toLowerCase(Locale.ROOT);
        String tokenHost = endpoints.token().getHost().toLowerCase(Locale.ROOT);
        if (!tokenHost.equals(fhirHost) && !tokenEndpointHosts.contains(tokenHost)) {
            problems.add(new ProbeProblem(ProbeProblem.Code.TOKEN_ENDPOINT_ELSEWHERE, "The SMART configuration names a "
                    + "token_endpoint on " + tokenHost + ", not on the FHIR server's host " + fhirHost + ". The connector sends "
                    + "its signed credentials only to the FHIR server's own host. If " + tokenHost + " is the same server under "
                    + "its own name, enter the FHIR base URL with the host name " + tokenHost + "; if the EHR's token endpoint "
                    + "really is elsewhere, the connector's operator must list that host in ehr.fhir.token-endpoint-hosts."));
        }
    }

    private static URI endpoint(JsonNode config, String member, boolean required, List<ProbeProblem> problems) {
        JsonNode value = config.get(member);
        if (value == null || value.isNull() || value.asText("").isBlank()) {
            if (required) {
                problems.add(new ProbeProblem(ProbeProblem.Code.SMART_CONFIGURATION_INVALID, "The SMART configuration has no "
                        + member + ", so users cannot sign in through it. Ask the EHR team to complete the server's SMART on "
                        + "FHIR (OAuth 2.0) set-up."));
            }
            return null;
        }
        try {
            URI uri = new URI(value.asText());
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        problems.add(new ProbeProblem(ProbeProblem.Code.SMART_CONFIGURATION_INVALID, "The SMART configuration's " + member
                + " is not an absolute https URL. The connector only sends credentials over https; ask the EHR team to "
                + "publish the https address."));
        return null;
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static Optional<JsonNode> json(Answer answer) {
        String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.contains("json")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(answer.body());
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String notJsonAdvice(Answer answer) {
        String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
        if (type.contains("html")) {
            return " answered with a web page (text/html), not JSON. The URL probably points at a portal or sign-in page; "
                    + "enter the FHIR base URL.";
        }
        if (type.contains("xml")) {
            return " answered in XML, but the connector needs JSON. Check that the URL is the FHIR base; Epic answers in "
                    + "JSON when asked.";
        }
        return " did not answer with a JSON document. Check that the URL is the FHIR base.";
    }

    private static String statusAdvice(int status, String what) {
        if (status == 401 || status == 403) {
            return "The " + what + " of a FHIR server is public, so this is probably not the FHIR base URL (or a gateway "
                    + "in front of it demands sign-in). Check the URL with the EHR team.";
        }
        if (status == 404 || status == 410) {
            return "There is no FHIR server at this URL. Check the path up to /R4 or /DSTU2 (Epic's is usually "
                    + "…/api/FHIR/R4).";
        }
        if (status >= 500) {
            return "The server failed. Try again later; if it persists, tell the EHR team.";
        }
        return "A FHIR server answers 200 here. Check the URL.";
    }

    private static ProbeResult result(FhirBaseUrl base, List<ProbeProblem> problems, Endpoints endpoints) {
        return new ProbeResult(base.url(), base.version(),
                endpoints == null ? null : endpoints.authorization(),
                endpoints == null ? null : endpoints.token(),
                Optional.ofNullable(endpoints == null ? null : endpoints.jwks()),
                problems);
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** {@code https://host[:port]} with the default port left out. */
    private static String origin(URI url) {
        int port = url.getPort();
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT)
                + (port == -1 || port == 443 ? "" : ":" + port);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
