package io.ehrconnector.hl7ingest.https;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The jtis of accepted signatures (table signature_nonce), shared by every replica: a jti is good once. */
@ApplicationScoped
public class SignatureNonces {

    private final Pool pool;

    SignatureNonces(Pool pool) {
        this.pool = pool;
    }

    /** Records the jti until {@code expiresAt}; false when it was used before (a replay). */
    public Uni<Boolean> firstUse(String fingerprintSha256, String jti, Instant expiresAt) {
        return pool.preparedQuery("insert into signature_nonce (certificate_fingerprint, jti, expires_at) values ($1, $2, $3)"
                        + " on conflict do nothing")
                .execute(Tuple.of(fingerprintSha256, jti, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Forgets jtis whose signatures would be refused as too old anyway; returns how many. */
    public Uni<Integer> forgetExpired(Instant now) {
        return pool.preparedQuery("delete from signature_nonce where expires_at < $1")
                .execute(Tuple.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .map(rows -> rows.rowCount());
    }
}
