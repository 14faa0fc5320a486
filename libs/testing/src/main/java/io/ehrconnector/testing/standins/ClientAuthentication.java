package io.ehrconnector.testing.standins;

import com.nimbusds.jose.jwk.JWKSet;

import java.net.URI;
import java.util.Objects;

/** How a registered OAuth client proves who it is at a token endpoint. */
public sealed interface ClientAuthentication {

    /** A public client (a browser or native app): no secret, PKCE only. */
    record None() implements ClientAuthentication {
    }

    /** A shared secret sent as HTTP Basic ({@code client_secret_basic}) or, where the server allows, in the form. */
    record ClientSecret(String secret) implements ClientAuthentication {
        public ClientSecret {
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "ClientSecret[***]";
        }
    }

    /**
     * A JWT signed with the client's private key ({@code private_key_jwt}, RFC 7523), checked against a JWK set given at
     * registration or fetched from the client's JWKS URL (as Epic does for SMART backend services).
     */
    record PrivateKeyJwt(JWKSet keys, URI jwksUrl) implements ClientAuthentication {
        public PrivateKeyJwt {
            if ((keys == null) == (jwksUrl == null)) {
                throw new IllegalArgumentException("give either a JWK set or a JWKS URL");
            }
        }
    }

    static ClientAuthentication none() {
        return new None();
    }

    static ClientAuthentication secret(String secret) {
        return new ClientSecret(secret);
    }

    static ClientAuthentication privateKeyJwt(JWKSet publicKeys) {
        return new PrivateKeyJwt(publicKeys.toPublicJWKSet(), null);
    }

    static ClientAuthentication privateKeyJwt(URI jwksUrl) {
        return new PrivateKeyJwt(null, jwksUrl);
    }
}
