package io.ehrconnector.config.client;

import java.util.Objects;

/**
 * One thing wrong with a FHIR base URL or the server behind it. The {@code message} is for the administrator who entered
 * the URL: it says what to fix. It never quotes a response body.
 */
public record ProbeProblem(Code code, String message) {

    public ProbeProblem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** What kind of problem; stable, so a caller may switch on it. */
    public enum Code {
        /** Not an absolute URL, or it carries a query, fragment or user name. */
        INVALID_URL,
        /** Not https. */
        NOT_HTTPS,
        /** The path does not end in /R4 or /DSTU2. */
        UNSUPPORTED_VERSION_PATH,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Nothing accepts connections at the host and port. */
        UNREACHABLE,
        /** Connecting or waiting for an answer took longer than the configured time. */
        TIMEOUT,
        /** The TLS handshake failed: certificate untrusted, expired or for another host, or no TLS on the port. */
        TLS_FAILURE,
        /** The server redirected to another host, to plain http, or too often. */
        REDIRECTED,
        /** A response was larger than the configured limit and was cut off. */
        RESPONSE_TOO_LARGE,
        /** {@code GET [base]/metadata} did not answer 200. */
        METADATA_UNAVAILABLE,
        /** {@code [base]/metadata} is not a FHIR CapabilityStatement / Conformance in JSON. */
        METADATA_NOT_FHIR,
        /** The server speaks another FHIR release than the URL names. */
        VERSION_MISMATCH,
        /** {@code GET [base]/.well-known/smart-configuration} did not answer 200. */
        SMART_CONFIGURATION_UNAVAILABLE,
        /** The SMART configuration is not JSON or lacks absolute https authorization/token endpoints. */
        SMART_CONFIGURATION_INVALID,
        /** The SMART configuration does not offer PKCE with S256. */
        PKCE_S256_NOT_SUPPORTED,
        /** The SMART configuration's token endpoint is on another host than the FHIR server (and not an allowed one). */
        TOKEN_ENDPOINT_ELSEWHERE
    }
}
