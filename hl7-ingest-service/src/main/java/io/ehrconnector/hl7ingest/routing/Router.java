package io.ehrconnector.hl7ingest.routing;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.hl7ingest.routing.Credential.BoundConfiguration;
import io.ehrconnector.hl7ingest.routing.Credential.EhrCertificate;
import io.ehrconnector.hl7ingest.routing.Credential.Unauthenticated;
import io.ehrconnector.hl7ingest.siu.InvalidSiu;
import io.ehrconnector.hl7ingest.siu.SiuHeader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Ties each message to exactly one approved configuration. A plain listener bound by the operator serves its one
 * configuration. An EHR certificate serves the approved configurations that pin it (those of the tenant and environment it was
 * uploaded for); when there are several (one interface for several FHIR base URLs), MSH-5 names the one, with the code the
 * integration record shows ({@link ConfigurationSnapshot#hl7ReceivingApplication}).
 */
@ApplicationScoped
public class Router {

    private final ApprovedConfigurations approved;

    Router(ApprovedConfigurations approved) {
        this.approved = approved;
    }

    /** Why frames with this credential are refused before they are parsed; empty when they may be read. */
    public Uni<Optional<String>> refusalBeforeParsing(Credential credential) {
        return switch (credential) {
            case Unauthenticated u -> Uni.createFrom().item(Optional.of(u.reason()));
            case BoundConfiguration b -> Uni.createFrom().item(Optional.empty());
            case EhrCertificate c -> approved.current().map(view ->
                    view.pinning(c.fingerprintSha256(), c.environment(), Instant.now()).isEmpty()
                            ? Optional.of(unknownCertificate(view, c)) : Optional.empty());
        };
    }

    /** The approved configuration this message is for; fails with {@link InvalidSiu} (code 204) saying why there is none. */
    public Uni<ConfigurationSnapshot> route(Credential credential, SiuHeader header) {
        return approved.current().map(view -> switch (credential) {
            case Unauthenticated u -> throw new InvalidSiu(InvalidSiu.UNKNOWN_KEY_IDENTIFIER, u.reason());
            case BoundConfiguration b -> view.byId(b.configurationId()).orElseThrow(() -> new InvalidSiu(
                    InvalidSiu.UNKNOWN_KEY_IDENTIFIER, "the configuration this connection serves is not approved; ask the"
                    + " Epic analyst to approve it in the connector"));
            case EhrCertificate c -> among(view.pinning(c.fingerprintSha256(), c.environment(), Instant.now()), header);
        });
    }

    private static ConfigurationSnapshot among(List<ConfigurationSnapshot> candidates, SiuHeader header) {
        if (candidates.isEmpty()) {
            throw new InvalidSiu(InvalidSiu.UNKNOWN_KEY_IDENTIFIER, "no approved configuration pins this EHR certificate"
                    + " any more");
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        String receiving = header.receivingApplication();
        return candidates.stream()
                .filter(c -> ConfigurationSnapshot.hl7ReceivingApplication(c.configurationId()).equalsIgnoreCase(receiving))
                .findFirst()
                .orElseThrow(() -> new InvalidSiu(InvalidSiu.UNKNOWN_KEY_IDENTIFIER, "this EHR certificate serves "
                        + candidates.size() + " FHIR base URLs; MSH-5 must name one with the receiving application of its"
                        + " integration record (EHRC-...)"));
    }

    private static String unknownCertificate(ApprovedConfigurations.View view, EhrCertificate credential) {
        return view.certificate(credential.fingerprintSha256(), credential.environment())
                .map(pinned -> "the EHR certificate is outside its validity period (" + pinned.notBefore() + " to "
                        + pinned.notAfter() + "); upload its successor in the connector")
                .orElse("the EHR certificate is not uploaded for an approved configuration"
                        + credential.environment().map(e -> " of the " + e.name().toLowerCase(java.util.Locale.ROOT)
                        + " environment").orElse("") + "; upload it in the connector");
    }
}
