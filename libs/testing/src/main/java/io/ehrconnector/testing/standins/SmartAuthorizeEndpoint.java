package io.ehrconnector.testing.standins;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The EHR stand-in's authorization endpoint (GET and, as SMART's {@code authorize-post} allows, POST). Validates like
 * Epic: registered client and exact redirect URI (else an error page, never a redirect), {@code response_type=code},
 * {@code state}, PKCE S256, {@code aud} = the FHIR base, a known {@code launch}; answers with {@code code}, {@code state}
 * and {@code iss} (RFC 9207). In interactive mode it first shows a sign-in page whose buttons POST back here.
 */
final class SmartAuthorizeEndpoint {

    /** Form field the sign-in page's buttons set; its presence means the user already decided. */
    static final String DECISION_FIELD = "ehr_sign_in";

    private final EhrUrls urls;
    private final ClientRegistry clients;
    private final Map<String, SmartLaunch> launches;
    private final AuthorizationCodes<SmartGrant> codes;
    private final EhrSignInSettings settings;

    SmartAuthorizeEndpoint(EhrUrls urls, ClientRegistry clients, Map<String, SmartLaunch> launches,
                           AuthorizationCodes<SmartGrant> codes, EhrSignInSettings settings) {
        this.urls = urls;
        this.clients = clients;
        this.launches = launches;
        this.codes = codes;
        this.settings = settings;
    }

    StandInResponse handle(StandInRequest request) {
        Map<String, String> params = new LinkedHashMap<>("POST".equals(request.method()) ? request.form() : request.query());
        String decision = params.remove(DECISION_FIELD);

        Optional<RegisteredClient> client = clients.find(params.get("client_id"));
        if (client.isEmpty()) {
            return OAuthErrors.page("invalid_client", "The application is not registered with this EHR.");
        }
        String redirectUri = params.get("redirect_uri");
        if (!client.get().allowsRedirect(redirectUri)) {
            return OAuthErrors.page("invalid_request", "The redirect_uri is not registered for this application.");
        }
        String state = params.get("state");
        Optional<String> problem = problem(params);
        if (problem.isPresent()) {
            String[] errorAndDescription = problem.get().split(":", 2);
            return OAuthErrors.redirect(redirectUri, errorAndDescription[0], errorAndDescription[1].trim(), state, urls.fhirBase());
        }
        SmartLaunch launch = params.containsKey("launch")
                ? launches.get(params.get("launch"))
                : new SmartLaunch(settings.standaloneUser, Map.of());

        if ("deny".equals(decision)) {
            return OAuthErrors.redirect(redirectUri, "access_denied", "The user denied the request.", state, urls.fhirBase());
        }
        if (settings.interactive && decision == null) {
            return signInPage(params, launch);
        }
        String code = codes.issue(new SmartGrant(client.get().clientId(), redirectUri, params.get("scope"),
                params.get("code_challenge"), params.get("nonce"), launch.user(), launch.context()));
        Map<String, String> response = new LinkedHashMap<>();
        response.put("code", code);
        response.put("state", state);
        response.put("iss", instanceBase(params.get("aud")));
        return StandInResponse.redirect(FormCodec.appendQuery(redirectUri, response));
    }

    /** The first rule the request breaks, as "error: description", once client and redirect URI are trusted. */
    private Optional<String> problem(Map<String, String> params) {
        if (!"code".equals(params.get("response_type"))) {
            return Optional.of("unsupported_response_type: response_type must be code");
        }
        if (isBlank(params.get("state"))) {
            return Optional.of("invalid_request: state is required");
        }
        if (isBlank(params.get("code_challenge")) || !Pkce.S256.equals(params.get("code_challenge_method"))) {
            return Optional.of("invalid_request: PKCE with code_challenge_method=S256 is required");
        }
        if (instanceBase(params.get("aud")) == null) {
            return Optional.of("invalid_request: aud must be this EHR's FHIR base URL");
        }
        String scope = params.get("scope");
        if (isBlank(scope)) {
            return Optional.of("invalid_scope: scope is required");
        }
        if (params.containsKey("launch")) {
            if (!launches.containsKey(params.get("launch"))) {
                return Optional.of("invalid_request: unknown or expired launch");
            }
            if (Arrays.stream(scope.split(" ")).noneMatch("launch"::equals)) {
                return Optional.of("invalid_scope: an EHR launch must request the launch scope");
            }
        }
        return Optional.empty();
    }

    private StandInResponse signInPage(Map<String, String> params, SmartLaunch launch) {
        String body = """
                <p>The application <code>%s</code> asks to access this EHR with the scopes <code>%s</code>.</p>
                <p>You are signed in as EHR user <code>%s</code> (<code>%s</code>).</p>
                <form method="post" action="%s">%s
                <button type="submit" name="%s" value="approve">Sign in and allow</button>
                <button type="submit" name="%s" value="deny">Deny</button></form>
                """.formatted(Html.escape(params.get("client_id")), Html.escape(params.get("scope")),
                Html.escape(launch.user().userId()), Html.escape(launch.user().fhirUser()), Html.escape(urls.authorize()),
                Html.hiddenInputs(params), DECISION_FIELD, DECISION_FIELD);
        return StandInResponse.html(200, Html.page("Epic sign-in (stand-in)", body));
    }

    /**
     * The FHIR base {@code aud} names: this EHR's own, or one of its Epic-style instances ({@code base/<instance>/api/FHIR/R4},
     * see EhrStandIn), which then is also the {@code iss} of the answer; null when {@code aud} is neither.
     */
    private String instanceBase(String aud) {
        if (aud == null) {
            return null;
        }
        String candidate = stripSlash(aud);
        if (candidate.equals(stripSlash(urls.fhirBase()))) {
            return candidate;
        }
        String prefix = urls.base() + "/";
        String suffix = EhrUrls.FHIR_PATH;
        if (candidate.startsWith(prefix) && candidate.endsWith(suffix)) {
            String instance = candidate.substring(prefix.length(), candidate.length() - suffix.length());
            return instance.matches("[A-Za-z0-9][A-Za-z0-9\\-]{0,62}") ? candidate : null;
        }
        return null;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
