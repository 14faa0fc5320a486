package io.ehrconnector.localstack;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does in a SMART EHR launch of launch-service, by hand and without a cookie jar (each launch's binding cookie
 * is kept with that launch, as thousands of launches from one client would otherwise send thousands of cookies): open the
 * launch URL, post the launch page's form to Epic's authorization endpoint (the EHR stand-in answers at once with a redirect
 * to the connector's callback), and later follow that redirect with the cookie.
 */
final class LaunchBrowser {

    private static final Pattern FORM_ACTION = Pattern.compile("<form id=\"authorize\" method=\"post\" action=\"([^\"]*)\"");
    private static final Pattern HIDDEN_FIELD = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private static final Pattern BINDING_COOKIE = Pattern.compile("^(ehrc-launch-[^=;]+=[^;]*)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Epic's redirect to the connector's callback, and the launch's binding cookie ({@code name=value}). */
    record Callback(String pathAndQuery, String cookie) {
    }

    private final HttpClient http;
    private final String serviceUrl;
    private final String iss;

    /**
     * @param serviceUrl launch-service's base URL
     * @param iss        the FHIR base URL the launches come from
     * @param ehrTls     trusts the EHR stand-in's certificate
     */
    LaunchBrowser(String serviceUrl, String iss, SSLContext ehrTls) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ehrTls)
                .connectTimeout(TIMEOUT).build();
        this.serviceUrl = serviceUrl;
        this.iss = iss;
    }

    /** Opens {@code /launch/test/patient} as Epic does; 200 with the self-submitting form is the expected answer. */
    HttpResponse<String> open(String launchToken) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(serviceUrl + "/launch/test/patient?iss=" + encode(iss)
                + "&launch=" + encode(launchToken))).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A launch up to Epic's redirect back: the launch page, its form posted to Epic, Epic's answer. */
    Callback authorize(String launchToken) throws IOException, InterruptedException {
        HttpResponse<String> page = open(launchToken);
        Matcher action = FORM_ACTION.matcher(page.body());
        String cookie = page.headers().allValues("Set-Cookie").stream().map(BINDING_COOKIE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).findFirst().orElse(null);
        if (page.statusCode() != 200 || !action.find() || cookie == null) {
            throw new IllegalStateException("launch answered " + page.statusCode() + " without a form and a binding cookie");
        }
        HttpResponse<Void> epic = http.send(HttpRequest.newBuilder(URI.create(unescape(action.group(1))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(page.body()))).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.discarding());
        URI location = epic.headers().firstValue("Location").map(URI::create).orElse(null);
        if (epic.statusCode() != 302 || location == null || location.getRawQuery().contains("error=")) {
            throw new IllegalStateException("Epic's authorize answered " + epic.statusCode() + " " + location);
        }
        return new Callback(location.getRawPath() + "?" + location.getRawQuery(), cookie);
    }

    /** Epic's redirect arriving at launch-service from the same browser. */
    HttpResponse<String> callback(Callback callback) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(serviceUrl + callback.pathAndQuery()))
                .header("Cookie", callback.cookie()).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String form(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = HIDDEN_FIELD.matcher(page);
        while (field.find()) {
            fields.put(unescape(field.group(1)), unescape(field.group(2)));
        }
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
