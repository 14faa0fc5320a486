package io.ehrconnector.launch.presence;

import io.ehrconnector.events.ParticipantPresence.Role;
import io.ehrconnector.launch.provider.ProviderAccount;
import io.ehrconnector.launch.provider.ProviderAccountRepository;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Locale;

/**
 * A participant's part in the visit: {@link Role#PROVIDER} for a user of the configuration's own tenant whom a provider
 * launch linked to an EHR user (with that EHR user's id), {@link Role#PATIENT} for an anonymous or ACS browser join (the
 * way patients join), {@link Role#GUEST} for anyone else (another tenant's user, an unlinked user of the tenant, a phone).
 * Run inside a Panache session.
 */
@ApplicationScoped
public class ParticipantRoles {

    /** The role, and the EHR user id that goes with {@link Role#PROVIDER}. */
    public record Assigned(Role role, String ehrUserId) {

        static final Assigned PATIENT = new Assigned(Role.PATIENT, null);
        static final Assigned GUEST = new Assigned(Role.GUEST, null);
    }

    private final ProviderAccountRepository accounts;

    ParticipantRoles(ProviderAccountRepository accounts) {
        this.accounts = accounts;
    }

    Uni<Assigned> of(MeetingWatch watch, CallIdentity identity) {
        return of(watch.configurationId, watch.tenantId, identity);
    }

    /** The role of {@code identity} in a visit of the configuration, whose Entra tenant is {@code tenantId}. */
    public Uni<Assigned> of(String configurationId, String tenantId, CallIdentity identity) {
        return switch (identity.kind()) {
            case GUEST, ACS_USER -> Uni.createFrom().item(Assigned.PATIENT);
            case USER -> identity.isUserOf(tenantId) ? linkedProvider(configurationId, identity.id())
                    : Uni.createFrom().item(Assigned.GUEST);
            case PHONE, OTHER -> Uni.createFrom().item(Assigned.GUEST);
        };
    }

    /** An EHR user may have been linked to the same account more than once; the most recently launched link counts. */
    private Uni<Assigned> linkedProvider(String configurationId, String objectId) {
        return accounts.find("configurationId = ?1 and m365ObjectId = ?2", Sort.descending("lastLaunchAt"), configurationId,
                        objectId.toLowerCase(Locale.ROOT))
                .firstResult()
                .map((ProviderAccount account) -> account == null ? Assigned.GUEST
                        : new Assigned(Role.PROVIDER, account.ehrUserId));
    }
}
