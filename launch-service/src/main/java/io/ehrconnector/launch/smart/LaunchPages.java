package io.ehrconnector.launch.smart;

import io.ehrconnector.support.keys.NoSigningKeyException;
import io.ehrconnector.support.ehr.OAuthValues;
import io.ehrconnector.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;

import java.util.Map;

/**
 * The few pages a launch shows: a refusal (a clear page, never a redirect) and, for EHRs that take the authorization request
 * as a form POST, the self-submitting form. Every value is escaped; the pages load nothing and run only their own script.
 * Other entry points into a visit (SMS join links) show their refusals with {@link #refused} too.
 */
public final class LaunchPages {

    private LaunchPages() {
    }

    /**
     * The page for whatever stopped a launch: a {@link LaunchRefused} or a problem (Teams, keys) says why; anything else
     * is logged by class only (messages may quote data) and shown as a generic failure.
     */
    static Response failed(Throwable failure) {
        if (failure instanceof LaunchRefused refusal) {
            return refused(refusal);
        }
        if (failure instanceof ProblemException problem) {
            return refused(new LaunchRefused(problem.problem().status(), problem.problem().title(),
                    problem.problem().detail()));
        }
        if (failure instanceof NoSigningKeyException noKey) {
            // Its message says what the operator must check; it names environments and key ids, nothing secret.
            Log.error(noKey.getMessage());
            return refused(new LaunchRefused(503, "The connector is not ready", "The connector's signing key has not"
                    + " reached this service yet. Try again in a minute; if it keeps failing, tell your IT service desk."));
        }
        Log.errorf("launch failed: %s", failure.getClass().getName());
        return refused(new LaunchRefused(500, "The visit could not be opened", "Something went wrong on the connector's"
                + " side. Try again in a minute; if it keeps failing, tell your IT service desk."));
    }

    /** The refusal's page, with its status: no redirect, not cached, no referrer. */
    public static Response refused(LaunchRefused refusal) {
        String body = "<h1>" + escape(refusal.title()) + "</h1>\n<p>" + escape(refusal.getMessage()) + "</p>";
        return page(refusal.status(), refusal.title(), body, null);
    }

    static Response postForm(LaunchStarts.Authorization authorization) {
        String nonce = OAuthValues.randomToken(16);
        StringBuilder form = new StringBuilder("<form id=\"authorize\" method=\"post\" action=\"")
                .append(escape(authorization.endpoint().toString())).append("\">\n");
        for (Map.Entry<String, String> field : authorization.parameters().entrySet()) {
            form.append("<input type=\"hidden\" name=\"").append(escape(field.getKey())).append("\" value=\"")
                    .append(escape(field.getValue())).append("\">\n");
        }
        form.append("<noscript><button type=\"submit\">Continue to Epic sign-in</button></noscript>\n</form>\n")
                .append("<script nonce=\"").append(nonce).append("\">document.getElementById('authorize').submit();</script>");
        return page(200, "Opening the visit", "<p>Opening the visit&hellip;</p>\n" + form, nonce);
    }

    /**
     * A page that at once posts an empty form back to its own address, where the visit opens; its button does the same
     * without script. Submitted while the page loads, the post replaces the page in the history, so Back from the meeting
     * leaves the link instead of posting again. Link previewers of messaging apps fetch the page but neither run its
     * script nor submit its form.
     */
    public static Response postBack(String title, String message, String button) {
        String nonce = OAuthValues.randomToken(16);
        String body = "<p>" + escape(message) + "</p>\n<form id=\"continue\" method=\"post\">"
                + "<button type=\"submit\">" + escape(button) + "</button></form>\n"
                + "<script nonce=\"" + nonce + "\">document.getElementById('continue').submit();</script>";
        // No form-action: the POST's answer redirects to the meeting's host, which browsers check against it too.
        return page(200, title, body, nonce, null);
    }

    private static Response page(int status, String title, String body, String scriptNonce) {
        return page(status, title, body, scriptNonce, "https:");
    }

    private static Response page(int status, String title, String body, String scriptNonce, String formAction) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title)
                + "</title></head>\n<body>\n" + body + "\n</body></html>\n";
        String scripts = scriptNonce == null ? "'none'" : "'nonce-" + scriptNonce + "'";
        return Response.status(status).type("text/html; charset=utf-8").entity(html)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; script-src " + scripts + ";"
                        + (formAction == null ? "" : " form-action " + formAction + ";") + " frame-ancestors *")
                .build();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
