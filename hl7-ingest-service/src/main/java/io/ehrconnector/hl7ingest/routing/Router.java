package io.ehrconnector.hl7ingest.routing;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.ehrconnector.hl7ingest.routing.ApprovedConfigurations.View;
import io.ehrconnector.hl7ingest.routing.Credential.BoundConfiguration;
import io.ehrconnector.hl7ingest.routing.Credential.EhrCertificate;
import io.ehrconnector.hl7ingest.routing.Credential.Unauthenticated;
import io.ehrconnector.hl7ingest.siu.InvalidSiu;
import io.ehrconnector.hl7ingest.siu.SiuHeader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ties each message to exactly one approved configuration. A plain listener bound by the operator serves its one
 * configuration. An EHR certificate serves the approved configurations that have it uploaded, which must all belong to one
 * tenant (config-service refuses a certificate another tenant uploaded; this is the backstop). MSH-5 names the configuration
 * with the code its integration record shows ({@link ConfigurationSnapshot#hl7ReceivingApplication}); it may be left out only
 * when the certificate serves exactly one FHIR base URL and is uploaded in one environment, so that a test system's messages
 * never reach production because the test configuration is not approved yet.
 */
@ApplicationScoped
public class Router {

    private static final String CODE_PREFIX = "EHRC-";

    private final ApprovedConfigurations configurations;

    Router(ApprovedConfigurations configurations) {
        this.configurations = configurations;
    }

    /** Why frames with this credential are refused before they are parsed; empty when they may be read. */
    public Uni<Optional<String>> refusalBeforeParsing(Credential credential) {
        return switch (credential) {
            case Unauthenticated u -> Uni.createFrom().item(Optional.of(u.reason()));
            case BoundConfiguration b -> Uni.createFrom().item(Optional.empty());
            case EhrCertificate c -> configurations.current().map(view -> switch (view.pinStatus(c.fingerprintSha256(),
                    c.environment(), Instant.now())) {
                case SERVING -> Optional.empty();
                case OUTSIDE_VALIDITY -> Optional.of("the EHR certificate is outside its validity period; upload its"
                        + " successor in the connector");
                case UNKNOWN -> Optional.of("the EHR certificate is not uploaded for an approved configuration"
                        + c.environment().map(e -> " of the " + e.name().toLowerCase(Locale.ROOT) + " environment")
                        .orElse("") + "; upload it in the connector");
            });
        };
    }

    /** The approved configuration this message is for; fails with {@link InvalidSiu} (code 204) saying why there is none. */
    public Uni<ConfigurationSnapshot> route(Credential credential, SiuHeader header) {
        return configurations.current().map(view -> switch (credential) {
            case Unauthenticated u -> throw refusal(u.reason());
            case BoundConfiguration b -> view.approved(b.configurationId()).orElseThrow(() -> refusal("the configuration"
                    + " this connection serves is not approved; ask the Epic analyst to approve it in the connector"));
            case EhrCertificate c -> among(view, c, header.receivingApplication());
        });
    }

    private static ConfigurationSnapshot among(View view, EhrCertificate credential, String receivingApplication) {
        List<ConfigurationSnapshot> candidates = view.serving(credential.fingerprintSha256(), credential.environment(),
                Instant.now());
        if (candidates.isEmpty()) {
            throw refusal("no approved configuration has this EHR certificate uploaded any more");
        }
        if (candidates.stream().map(ConfigurationSnapshot::tenantId).distinct().count() > 1) {
            throw refusal("this EHR certificate is uploaded by more than one organization; ask the connector's operator");
        }
        Optional<ConfigurationSnapshot> named = candidates.stream()
                .filter(c -> ConfigurationSnapshot.hl7ReceivingApplication(c.configurationId())
                        .equalsIgnoreCase(receivingApplication))
                .findFirst();
        if (named.isPresent()) {
            return named.get();
        }
        if (receivingApplication != null && receivingApplication.toUpperCase(Locale.ROOT).startsWith(CODE_PREFIX)) {
            throw refusal("MSH-5 names a FHIR base URL this EHR certificate does not serve (not approved, or another"
                    + " environment)");
        }
        List<Environment> environments = credential.environment().map(List::of)
                .orElseGet(() -> List.copyOf(view.environmentsUploading(credential.fingerprintSha256())));
        if (candidates.size() == 1 && environments.size() == 1) {
            return candidates.get(0);
        }
        throw refusal("this EHR certificate serves " + (environments.size() > 1 ? "the test and the production environment"
                : candidates.size() + " FHIR base URLs") + "; MSH-5 must name one with the receiving application of its"
                + " integration record (EHRC-...)");
    }

    private static InvalidSiu refusal(String reason) {
        return new InvalidSiu(InvalidSiu.UNKNOWN_KEY_IDENTIFIER, reason);
    }
}
