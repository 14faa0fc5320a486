package io.ehrconnector.config.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A syntactically valid, normalised FHIR base URL: absolute https, no user name, query or fragment, lower-case host, no
 * default port, no trailing slash, ending in {@code /R4} or {@code /DSTU2} (any case) as Epic's do
 * ({@code https://host/interconnect-fhir-oauth/api/FHIR/R4}). The path keeps the case entered: Epic sends it back as the
 * {@code iss} of a launch, which must match.
 *
 * @param url     the normalised URL
 * @param version the release its last path segment names
 */
public record FhirBaseUrl(String url, FhirVersion version) {

    static final String EXAMPLE = "https://fhir.example-hospital.org/interconnect-fhir-oauth/api/FHIR/R4";

    public FhirBaseUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
    }

    /** Checks and normalises what an administrator entered; no network access. */
    public static FhirBaseUrl parse(String input) throws Invalid {
        if (input == null || input.isBlank()) {
            throw invalid(ProbeProblem.Code.INVALID_URL, "Enter the FHIR base URL Epic publishes, e.g. " + EXAMPLE + ".");
        }
        String entered = input.strip();
        if (entered.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(ProbeProblem.Code.INVALID_URL, "Remove the spaces from the URL.");
        }
        URI uri;
        try {
            uri = new URI(entered);
        } catch (URISyntaxException e) {
            throw invalid(ProbeProblem.Code.INVALID_URL, "This is not a valid URL (character " + (e.getIndex() + 1)
                    + " is not allowed there); enter the FHIR base URL as Epic publishes it, e.g. " + EXAMPLE + ".");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            throw invalid(ProbeProblem.Code.INVALID_URL, "Enter the full URL, starting with https://, e.g. " + EXAMPLE + ".");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            throw invalid(ProbeProblem.Code.NOT_HTTPS, "Use the https:// address Epic publishes: plain http is refused, "
                    + "because access tokens and patient data would cross the network unencrypted.");
        }
        if (!scheme.equals("https")) {
            throw invalid(ProbeProblem.Code.NOT_HTTPS, "Only https:// URLs are accepted; enter the https:// address Epic "
                    + "publishes for its FHIR endpoint.");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(ProbeProblem.Code.INVALID_URL, "Remove the user name (and password) before the @ from the URL: "
                    + "a FHIR base URL carries no credentials.");
        }
        if (uri.getHost() == null) {
            throw invalid(ProbeProblem.Code.INVALID_URL, "The URL has no valid host name; enter it as https://host/path "
                    + "(international host names in their xn-- form).");
        }
        if (uri.getRawQuery() != null) {
            throw invalid(ProbeProblem.Code.INVALID_URL, "Remove the query (from ? on): enter the FHIR base URL only, "
                    + "ending in /R4 or /DSTU2.");
        }
        if (uri.getRawFragment() != null) {
            throw invalid(ProbeProblem.Code.INVALID_URL, "Remove the fragment (from # on): enter the FHIR base URL only, "
                    + "ending in /R4 or /DSTU2.");
        }
        String path = uri.normalize().getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        FhirVersion version = FhirVersion.fromPathSegment(last);
        if (version == null) {
            throw invalid(ProbeProblem.Code.UNSUPPORTED_VERSION_PATH, suffixHint(last));
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String port = uri.getPort() == -1 || uri.getPort() == 443 ? "" : ":" + uri.getPort();
        return new FhirBaseUrl("https://" + host + port + path, version);
    }

    private static String suffixHint(String last) {
        String accepted = "The URL must be a FHIR base ending in /R4 or /DSTU2, as Epic publishes it (e.g. " + EXAMPLE + ")";
        if (last.equalsIgnoreCase("metadata") || last.equalsIgnoreCase("smart-configuration")) {
            return accepted + "; remove the /" + (last.equalsIgnoreCase("metadata") ? "metadata" : ".well-known/smart-configuration")
                    + " at the end.";
        }
        if (last.equalsIgnoreCase("STU3") || last.equalsIgnoreCase("R4B") || last.equalsIgnoreCase("R5")) {
            return accepted + "; the connector supports R4 and DSTU2 only: use the instance's R4 address.";
        }
        return last.isEmpty() ? accepted + "; this URL has no path." : accepted + ".";
    }

    private static Invalid invalid(ProbeProblem.Code code, String message) {
        return new Invalid(new ProbeProblem(code, message));
    }

    /** The entered URL is not a usable FHIR base URL; {@link #problem()} says why and what to enter instead. */
    public static final class Invalid extends IllegalArgumentException {

        private final transient ProbeProblem problem;

        Invalid(ProbeProblem problem) {
            super(problem.message(), null);
            this.problem = problem;
        }

        public ProbeProblem problem() {
            return problem;
        }
    }
}
