package io.ehrconnector.support.retention;

import io.ehrconnector.support.Failures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** How every scheduled purge runs: say what it deleted, and when it fails, log the failure's classes and try next time. */
public final class PurgeRuns {

    private PurgeRuns() {
    }

    /**
     * @param name  what is purged, for the log ("HL7 ledger purge")
     * @param purge the deletion, yielding how many rows went
     */
    public static Uni<Void> logged(String name, Uni<Integer> purge) {
        return purge
                .invoke(deleted -> {
                    if (deleted > 0) {
                        Log.infof("%s deleted %d rows", name, deleted);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("%s failed, will retry: %s", name, Failures.classChain(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
