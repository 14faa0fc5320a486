package io.ehrconnector.launch.presence;

import io.ehrconnector.support.Failures;
import io.quarkus.logging.Log;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * Starts reactive work that must not hold up the caller (a launch, a webhook answer) on a Vert.x context of its own, with
 * its own reactive session: the caller's session may still be in use. Failures are logged by class only.
 */
@ApplicationScoped
public class Detached {

    private final Vertx vertx;

    Detached(Vertx vertx) {
        this.vertx = vertx;
    }

    public void run(String what, Supplier<Uni<?>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> Uni.createFrom().deferred(work).subscribe().with(
                done -> {
                },
                failure -> Log.warnf("%s failed, will retry: %s", what, Failures.classChain(failure))));
    }
}
