package io.ehrconnector.launch.meeting;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The account that organizes each tenant's visit meetings, read from {@code ehr.graph.organizers}. Read strictly at
 * startup: a malformed value stops the service with a message that says which entry is wrong (never the value, which may be
 * a secret pasted into the wrong variable).
 */
@Startup
@ApplicationScoped
public class MeetingOrganizers {

    private static final String FORMAT = "<tenantId>:<organizerObjectId>,... with both ids GUIDs";
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final Map<String, String> organizerByTenant;

    @Inject
    MeetingOrganizers(GraphSettings settings) {
        this(settings.organizers().orElse(""));
        if (!organizerByTenant.isEmpty() && (settings.clientId().isEmpty() || settings.clientSecret().isEmpty())) {
            throw new IllegalStateException("ehr.graph.organizers is set but ehr.graph.client-id or ehr.graph.client-secret is"
                    + " not: meetings are created as the connector's Entra ID app, which needs both");
        }
    }

    /** @param organizers the {@code ehr.graph.organizers} value; blank for none */
    MeetingOrganizers(String organizers) {
        this.organizerByTenant = parse(organizers);
    }

    /** The object id of the tenant's organizer account; {@link NoOrganizerException} when it has none. */
    public String organizerOf(String tenantId) {
        String organizer = organizerByTenant.get(tenantId.toLowerCase(Locale.ROOT));
        if (organizer == null) {
            throw new NoOrganizerException(tenantId);
        }
        return organizer;
    }

    /** The tenants that have an organizer (lower-case tenant ids): the hospital tenants the connector works for. */
    public Set<String> tenants() {
        return organizerByTenant.keySet();
    }

    private static Map<String, String> parse(String value) {
        Map<String, String> organizers = new LinkedHashMap<>();
        if (value.isBlank()) {
            return Map.of();
        }
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String[] ids = entries[i].trim().split(":", -1);
            if (ids.length != 2 || !GUID.matcher(ids[0]).matches() || !GUID.matcher(ids[1]).matches()) {
                throw new IllegalArgumentException("ehr.graph.organizers: entry " + (i + 1) + " of " + entries.length
                        + " is not <tenantId>:<organizerObjectId>; expected " + FORMAT);
            }
            String tenant = ids[0].toLowerCase(Locale.ROOT);
            if (organizers.putIfAbsent(tenant, ids[1]) != null) {
                throw new IllegalArgumentException("ehr.graph.organizers: entry " + (i + 1) + " names a tenant an earlier"
                        + " entry names already; one organizer per tenant");
            }
        }
        return Map.copyOf(organizers);
    }
}
