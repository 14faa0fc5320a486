package io.ehrconnector.config.keys;

import io.ehrconnector.events.EnvironmentPaths;
import io.ehrconnector.config.security.Roles;
import io.ehrconnector.events.ConfigurationSnapshot.Environment;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Operator API of the connector's keys. {@code GET /api/v1/keys/{environment}}: every key of the environment, newest first,
 * without key material (admins and analysts). {@code POST /api/v1/keys/{environment}/rotate}: starts a rotation (admins;
 * see {@link ConnectorKeyService} for the publish-then-activate scheme) and answers the new key.
 *
 * <p>The keys are the connector's, not a hospital's, so there is no tenant to isolate: whoever may see them sees all. Who may
 * rotate is another matter: every hospital's tenant can grant Connector.Admin, so {@code ehr.keys.admin-tenants} limits
 * rotation to the operator's own tenant(s).
 */
@Path("/api/v1/keys/{environment}")
@Produces(MediaType.APPLICATION_JSON)
class KeyAdminResource {

    private static final String TENANT_CLAIM = "tid";
    private static final String OBJECT_ID_CLAIM = "oid";

    private final ConnectorKeyService keys;
    private final SecurityIdentity identity;
    private final Optional<Set<String>> adminTenants;

    KeyAdminResource(ConnectorKeyService keys, SecurityIdentity identity, KeysConfig config) {
        this.keys = keys;
        this.identity = identity;
        this.adminTenants = config.adminTenants();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.ANALYST})
    public Uni<Response> list(@PathParam("environment") String environment) {
        Optional<Environment> known = EnvironmentPaths.parse(environment);
        if (known.isEmpty()) {
            return Uni.createFrom().item(Problems.unknownEnvironment());
        }
        return keys.listKeys(known.get()).map(views -> Response.ok(views).build());
    }

    @POST
    @Path("/rotate")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> rotate(@PathParam("environment") String environment) {
        JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        String tenant = token == null ? null : token.getClaim(TENANT_CLAIM);
        String actor = token == null ? null : token.getClaim(OBJECT_ID_CLAIM);
        // Fail closed: the keys serve every hospital, and any organisation's tenant can grant itself Connector.Admin.
        if (adminTenants.isEmpty() || tenant == null || !adminTenants.get().contains(tenant)) {
            throw new ForbiddenException("rotation is limited to the operator's tenants (ehr.keys.admin-tenants)");
        }
        Optional<Environment> known = EnvironmentPaths.parse(environment);
        if (known.isEmpty()) {
            return Uni.createFrom().item(Problems.unknownEnvironment());
        }
        return keys.rotate(known.get())
                .invoke(view -> Log.infof("rotation of %s started by tenant %s object %s: key %s is %s", known.get(), tenant,
                        actor, view.kid(), view.status()))
                .map(view -> Response.ok(view).build())
                .onFailure(ConnectorKeyService.RotationPendingException.class)
                .recoverWithItem(e -> Problems.rotationPending(((ConnectorKeyService.RotationPendingException) e).pending()));
    }
}
