package io.ehrconnector.localstack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Duration;
import java.util.UUID;

/**
 * How fast this machine is right now, by the work the launch benchmark cannot avoid: ES384 signatures of a client
 * assertion, on one thread in this JVM with nothing else running. The machine is shared, so the figure tells runs on a
 * slow day from slow code (as HAPI's bare parse rate does for the HL7 benchmark).
 */
final class SigningGauge {

    private SigningGauge() {
    }

    /** Signatures per second over {@code length}, after a warm-up as long. */
    static double es384PerSecond(Duration length) throws JOSEException {
        ECKey key = new ECKeyGenerator(Curve.P_384).generate();
        ECDSASigner signer = new ECDSASigner(key);
        signFor(signer, length);
        long started = System.nanoTime();
        long signed = signFor(signer, length);
        return signed / ((System.nanoTime() - started) / 1e9);
    }

    private static long signFor(ECDSASigner signer, Duration length) throws JOSEException {
        long end = System.nanoTime() + length.toNanos();
        long signed = 0;
        while (System.nanoTime() < end) {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES384),
                    new JWTClaimsSet.Builder().issuer("bench").jwtID(UUID.randomUUID().toString()).build());
            jwt.sign(signer);
            signed++;
        }
        return signed;
    }
}
