package io.ehrconnector.launch.devicetest;

import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The device-test page and its "not found" page. Both are fixed HTML (nothing from the request is written into them); the
 * page's script and stylesheet are static files of this service ({@code META-INF/resources/device-test/}).
 */
final class DeviceTestPages {

    /**
     * Only this service's own script, stylesheet and report endpoint. The camera preview needs no {@code media-src}: a
     * MediaStream set as {@code srcObject} is not a fetch. No framing: the page opens in its own window or tab.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none';"
            + " require-trusted-types-for 'script'";

    private static final String PAGE = load("page.html");
    private static final String NOT_FOUND = load("not-found.html");

    private DeviceTestPages() {
    }

    static Response page() {
        return html(200, PAGE);
    }

    static Response notFound() {
        return html(404, NOT_FOUND);
    }

    /**
     * The page's script and stylesheet are addressed relative to it, so that the service may sit under a path prefix; a
     * trailing slash would shift them, hence the redirect to the address without it (relative too, for the same reason).
     * Only ever for an approved configuration's id, so the target is this service's own page.
     */
    static Response withoutTrailingSlash(String configurationId) {
        return Response.status(308).header("Location", "../" + configurationId).header("Cache-Control", "no-store").build();
    }

    private static Response html(int status, String html) {
        return Response.status(status).type("text/html; charset=utf-8").entity(html)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Permissions-Policy", "camera=(self), microphone=(self)")
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static String load(String name) {
        String path = "device-test-pages/" + name;
        try (InputStream in = DeviceTestPages.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
