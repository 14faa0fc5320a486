package io.ehrconnector.testing.portal;

import io.ehrconnector.testing.standins.ClientAuthentication;
import io.ehrconnector.testing.standins.EntraIdStandIn;
import io.ehrconnector.testing.standins.RegisteredClient;
import io.restassured.response.Response;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;

/**
 * A minimal browser for tests of pages behind Entra ID sign-in (config-service's portal, audit-service's reports): keeps the
 * app's cookies, follows redirects across the app, the Entra ID stand-in and the EHR stand-in one hop at a time, and submits
 * forms with their hidden CSRF field.
 */
public final class PortalSession {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    /** The pages' client secret in the test profile (application.properties: %test.ehr.entra.client-secret). */
    private static final String PORTAL_CLIENT_SECRET = "test-portal-secret";

    private final URI app;
    private final Map<String, String> cookies = new HashMap<>();

    public PortalSession(URI app) {
        this.app = app;
    }

    /** GETs {@code url} and follows redirects (at most 10); returns the final response. */
    public Response open(String url) {
        Response response = get(url);
        for (int hops = 0; hops < 10 && isRedirect(response); hops++) {
            response = get(URI.create(url).resolve(response.getHeader("Location")).toString());
            url = response.getHeader("Location") == null ? url : url;
        }
        return response;
    }

    /** POSTs a form (with this session's CSRF token from {@code page} unless overridden) and follows redirects. */
    public Response submit(String path, String page, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.putIfAbsent("csrf", csrfOf(page));
        Response response = given().urlEncodingEnabled(true).redirects().follow(false).cookies(cookies)
                .contentType("application/x-www-form-urlencoded").formParams(form).post(app.resolve(path).toString());
        remember(response);
        return isRedirect(response) ? open(app.resolve(response.getHeader("Location")).toString()) : response;
    }

    /** The portal cookies this session holds (for requests the helpers here do not build, e.g. multipart uploads). */
    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    public Response get(String url) {
        boolean ours = url.startsWith(app.toString()) || url.startsWith("/");
        Response response = given().relaxedHTTPSValidation().urlEncodingEnabled(false).redirects().follow(false)
                .cookies(ours ? cookies : Map.of()).get(url.startsWith("/") ? app.resolve(url).toString() : url);
        if (ours) {
            remember(response);
        }
        return response;
    }

    /** Registers the portal with the Entra stand-in, as the hospital's Entra admin registers the connector's app. */
    public static void registerPortal(EntraIdStandIn entra, URI app) {
        registerSignIn(entra, app, "/portal/signed-in");
    }

    /** Registers the connector's app with the Entra stand-in for pages that come back to {@code redirectPath}. */
    public static void registerSignIn(EntraIdStandIn entra, URI app, String redirectPath) {
        entra.registerClient(RegisteredClient.of("ehr-connector", ClientAuthentication.secret(PORTAL_CLIENT_SECRET),
                app.resolve(redirectPath).toString()));
    }

    public static String csrfOf(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF field on the page");
        }
        return matcher.group(1);
    }

    private void remember(Response response) {
        response.getDetailedCookies().asList().forEach(cookie -> {
            if (cookie.getValue() == null || cookie.getValue().isEmpty() || cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        });
    }

    private static boolean isRedirect(Response response) {
        return response.statusCode() >= 300 && response.statusCode() < 400 && response.getHeader("Location") != null;
    }
}
