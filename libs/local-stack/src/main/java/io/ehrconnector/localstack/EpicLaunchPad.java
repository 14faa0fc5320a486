package io.ehrconnector.localstack;

import com.sun.net.httpserver.HttpExchange;
import io.ehrconnector.testing.standins.EhrStandIn;
import io.ehrconnector.testing.standins.EhrUser;
import io.ehrconnector.testing.standins.SmartLaunch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Plays the part of Epic's Hyperspace and MyChart for a person on the local stack: a page with "Launch as provider" and
 * "Launch as patient" for a visit. A button registers a SMART launch with the EHR stand-in (the provider or the patient as
 * its user, the visit as {@code sessionId}, as the connector's Epic launch record passes it) and opens the connector's
 * launch URL with {@code iss} and {@code launch}, as Epic does. The same visit from both sides ends in one Teams meeting.
 */
final class EpicLaunchPad implements AutoCloseable {

    static final String HINT = "(first approve the Epic stand-in's FHIR URL in the portal walk-through; a provider's first"
            + " launch signs in to Microsoft 365 as provider@contoso.onmicrosoft.com, a patient goes straight in)";

    private static final EhrUser PROVIDER = EhrUser.practitioner("E-PROVIDER-1", "practitioner-provider-1");
    private static final String PATIENT_ID = "patient-1";
    private static final EhrUser PATIENT = new EhrUser("MYCHART-PATIENT-1", "Patient/" + PATIENT_ID);
    /** What the connector accepts as a visit id from Epic (launch-service's LaunchContext). */
    private static final Pattern VISIT = Pattern.compile("[A-Za-z0-9.\\-_:/]{1,200}");

    private final EhrStandIn ehr;
    private final String publicUrl;
    private final AtomicInteger visits = new AtomicInteger(1000);
    /** The visit the page offers: the one launched last, so that its provider and its patient meet, until a new one. */
    private final AtomicReference<String> visit = new AtomicReference<>(nextVisit());
    private final LoopbackHttpServer server;

    private EpicLaunchPad(int port, EhrStandIn ehr, String publicUrl) {
        this.ehr = ehr;
        this.publicUrl = publicUrl;
        this.server = LoopbackHttpServer.start(port, this::handle);
    }

    /** Serves the page on {@code port}; launches go to the connector at {@code publicUrl}, as coming from {@code ehr}. */
    static EpicLaunchPad start(int port, EhrStandIn ehr, String publicUrl) {
        return new EpicLaunchPad(port, ehr, publicUrl);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            switch (route) {
                case "GET /" -> page(exchange);
                case "POST /new-visit" -> {
                    visit.set(nextVisit());
                    redirect(exchange, "/");
                }
                case "POST /launch" -> launch(exchange, form(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                default -> send(exchange, 404, "<p>Not found.</p>");
            }
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        send(exchange, 200, """
                <h1>Epic (stand-in): open a virtual visit</h1>
                <p>First approve the Epic stand-in's FHIR URL in the portal (the walk-through): launches of an unapproved
                server are refused. Epic's pages are served over HTTPS with a self-signed certificate; accept it once.</p>
                <form method="post" action="/launch">
                <label>Visit (Epic passes its CSN as sessionId) <input name="visit" value="%s"></label>
                <p><button name="app" value="provider">Launch as provider</button>
                <button name="app" value="patient">Launch as patient</button></p>
                </form>
                <form method="post" action="/new-visit"><button>New visit</button></form>
                <p>A provider's first launch links their Epic user to Microsoft 365: sign in as
                provider@contoso.onmicrosoft.com. Later launches, and every patient launch, go straight into the visit's
                meeting; provider and patient of one visit meet in the same one (the page keeps the visit launched last).</p>
                """.formatted(visit.get()));
    }

    private void launch(HttpExchange exchange, Map<String, String> form) throws IOException {
        String visitId = form.getOrDefault("visit", "");
        String app = form.getOrDefault("app", "");
        if (!VISIT.matcher(visitId).matches() || !(app.equals("provider") || app.equals("patient"))) {
            send(exchange, 400, "<p>A visit id is 1 to 200 letters, digits and <code>.-_:/</code>;"
                    + " <a href=\"/\">back</a>.</p>");
            return;
        }
        SmartLaunch.Builder launch = app.equals("provider")
                ? SmartLaunch.forUser(PROVIDER)
                : SmartLaunch.forUser(PATIENT).patient(PATIENT_ID);
        String token = ehr.registerLaunch(launch.param("sessionId", visitId).build());
        visit.set(visitId);
        redirect(exchange, publicUrl + "/launch/test/" + app + "?iss=" + encode(ehr.fhirBaseUrl()) + "&launch="
                + encode(token));
    }

    private String nextVisit() {
        return "CSN-" + visits.incrementAndGet();
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(303, -1);
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] html = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Epic launch pad (stand-in)</title></head>"
                + "<body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, html.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(html);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            if (nameAndValue.length == 2) {
                fields.put(URLDecoder.decode(nameAndValue[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
