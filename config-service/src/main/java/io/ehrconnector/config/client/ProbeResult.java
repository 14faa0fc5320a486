package io.ehrconnector.config.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FhirServerProbe#probe(String)} found. {@link #ok()} when {@link #problems()} is empty; then every other
 * member is set (except the optional {@link #jwksUri()}). With problems, members are set as far as the probe got: a URL
 * that fails the syntax check has no {@code fhirBaseUrl}; a server that failed discovery has no endpoints.
 *
 * @param fhirBaseUrl           the normalised base URL (lower-case host, no default port, no trailing slash): store and
 *                              compare this form
 * @param fhirVersion           the release the URL names (and, when ok, the server confirmed)
 * @param authorizationEndpoint SMART {@code authorization_endpoint}, absolute https
 * @param tokenEndpoint         SMART {@code token_endpoint}, absolute https
 * @param jwksUri               SMART {@code jwks_uri}, when the server publishes one
 * @param problems              what to fix, in the order found; empty when the server is usable
 */
public record ProbeResult(String fhirBaseUrl, FhirVersion fhirVersion, URI authorizationEndpoint, URI tokenEndpoint,
                          Optional<URI> jwksUri, List<ProbeProblem> problems) {

    public ProbeResult {
        jwksUri = Objects.requireNonNullElse(jwksUri, Optional.empty());
        problems = List.copyOf(problems);
    }

    /** Whether the server can be registered: a valid https FHIR base with SMART discovery and PKCE S256. */
    public boolean ok() {
        return problems.isEmpty();
    }

    /** Whether one of the problems has this code. */
    public boolean has(ProbeProblem.Code code) {
        return problems.stream().anyMatch(problem -> problem.code() == code);
    }

    static ProbeResult rejected(ProbeProblem problem) {
        return new ProbeResult(null, null, null, null, Optional.empty(), List.of(problem));
    }
}
