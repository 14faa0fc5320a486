package io.ehrconnector.support.configuration;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class KnownConfigurationRepository implements PanacheRepositoryBase<KnownConfiguration, String> {

    /** The approved configuration whose FHIR base URL is {@code fhirBaseUrl}, or null. */
    public Uni<KnownConfiguration> findApprovedByFhirBaseUrl(String fhirBaseUrl) {
        return find("fhirBaseUrl = ?1 and status = ?2", fhirBaseUrl, ConfigurationSnapshot.Status.APPROVED).firstResult();
    }
}
