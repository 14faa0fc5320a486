package io.ehrconnector.support.vertx;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * Runs reactive work on a Vert.x duplicated context of its own, hence with its own reactive session: several such pieces of
 * work can run at once (a reactive session serves one at a time), e.g. one per text a dispatcher sends in parallel. The
 * result is delivered back on the caller's context, where the caller's own session lives.
 */
public final class OwnContext {

    private OwnContext() {
    }

    public static <T> Uni<T> call(Vertx vertx, Supplier<? extends Uni<? extends T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            Context own = VertxContext.createNewDuplicatedContext(caller != null ? caller : vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(own, true);
            own.runOnContext(ignored -> Uni.createFrom().<T>deferred(work::get).subscribe().with(
                    item -> deliver(caller, () -> emitter.complete(item)),
                    failure -> deliver(caller, () -> emitter.fail(failure))));
        });
    }

    private static void deliver(Context caller, Runnable delivery) {
        if (caller == null) {
            delivery.run();
        } else {
            caller.runOnContext(ignored -> delivery.run());
        }
    }
}
