package io.ehrconnector.hl7ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** hl7-ingest-service's settings ({@code ehr.hl7.*}; the phone cipher's are read by service-support's PhoneCipherProducer). */
@ConfigMapping(prefix = "ehr")
public interface Hl7Config {

    Hl7 hl7();

    interface Hl7 {

        /** Where the appointment id is read, first present wins: PV1-19 (Epic's CSN), SCH-2, SCH-1. */
        @WithDefault("PV1-19,SCH-2,SCH-1")
        List<String> appointmentIdFields();

        Mllp mllp();

        Https https();

        /**
         * How long a message's control id is remembered after its AA, so a resend within that time is answered without a
         * second event (later, consumers still drop the copy by its event id).
         */
        @WithDefault("P14D")
        Duration resendWindow();
    }

    /** HL7 over HTTPS: {@code POST /hl7/<environment>}, signed with the EHR certificate's key (docs/hl7-over-https.md). */
    interface Https {

        @WithDefault("true")
        boolean enabled();

        /** A signature's {@code iat} may be this far from the connector's clock, either way; older ones are refused. */
        @WithDefault("PT5M")
        Duration maxClockSkew();
    }

    interface Mllp {

        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.0.0.0")
        String host();

        /** 2575 is MLLP's registered port; 0 picks a free one (tests). */
        @WithDefault("2575")
        int port();

        /** Largest frame accepted; a larger one is answered AR and its bytes are not kept. */
        @WithDefault("1048576")
        int maxFrameBytes();

        /** Connections beyond this are closed at once. */
        @WithDefault("64")
        int maxConnections();

        /** A connection silent this long is closed. */
        @WithDefault("PT5M")
        Duration idleTimeout();

        /**
         * Without TLS client certificates there is nothing to authenticate a sender with: the operator may bind the plain
         * listener to one configuration (an interface engine on a trusted network segment). Unset, plain frames are refused
         * (AR) before they are parsed.
         */
        Optional<String> plainConfigurationId();

        Tls tls();
    }

    /**
     * MLLP over TLS with client certificates: a second listener, which authenticates Epic by the certificate uploaded for its
     * environment. Its own server certificate comes from the Quarkus TLS registry ({@code quarkus.tls.<name>.key-store.*}).
     * Frame size, connection and idle limits are the plain listener's.
     */
    interface Tls {

        @WithDefault("false")
        boolean enabled();

        @WithDefault("2576")
        int port();

        /** The TLS registry entry with the listener's certificate and key ({@code quarkus.tls.mllp.key-store.pem.0.cert}...). */
        @WithDefault("mllp")
        String tlsConfigurationName();
    }
}
