package io.ehrconnector.hl7ingest.mllp;

import io.ehrconnector.events.ConfigurationSnapshot;
import io.ehrconnector.hl7ingest.config.Hl7Config;
import io.ehrconnector.hl7ingest.intake.Hl7Intake;
import io.ehrconnector.hl7ingest.intake.Hl7Intake.Sender;
import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Frame;
import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Message;
import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Oversized;
import io.ehrconnector.hl7ingest.routing.Credential;
import io.ehrconnector.hl7ingest.routing.Credential.BoundConfiguration;
import io.ehrconnector.hl7ingest.routing.Credential.EhrCertificate;
import io.ehrconnector.hl7ingest.routing.Credential.Unauthenticated;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The MLLP listeners: plain TCP and, when configured, TLS with client certificates. Each connection is answered strictly in
 * order: while one frame is being made durable, the socket is paused, so a sender that does not wait for its ACK is slowed by
 * TCP rather than buffered here (nothing is held that a crash could lose unacknowledged). Oversized frames are answered AR;
 * connections beyond the limit (both listeners together) are closed at once; silent ones after the idle timeout.
 *
 * <p>Plain TCP has no sender identity: that listener serves the configuration {@code ehr.hl7.mllp.plain-configuration-id}
 * names, or refuses every frame. Over TLS the client certificate is the identity; {@code Router} ties it to configurations.
 */
@ApplicationScoped
public class MllpServer {

    private final Vertx vertx;
    private final Hl7Intake intake;
    private final Hl7Config.Mllp config;
    private final TlsConfigurationRegistry tlsRegistry;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<NetServer> servers = new CopyOnWriteArrayList<>();
    private volatile int port;
    private volatile int tlsPort;

    MllpServer(Vertx vertx, Hl7Intake intake, Hl7Config config, TlsConfigurationRegistry tlsRegistry) {
        this.vertx = vertx;
        this.intake = intake;
        this.config = config.hl7().mllp();
        this.tlsRegistry = tlsRegistry;
    }

    void start(@Observes StartupEvent started) {
        if (config.enabled()) {
            Credential credential = config.plainConfigurationId().<Credential>map(BoundConfiguration::new)
                    .orElse(new Unauthenticated("plain MLLP has no sender identity and this listener is bound to no"
                            + " configuration; use MLLP over TLS with the EHR certificate"));
            port = listen(baseOptions(config.port()), socket -> credential);
            Log.infof("MLLP listening on %s:%d (%s)", config.host(), port,
                    config.plainConfigurationId().isPresent() ? "plain, bound to one configuration" : "plain, refusing all");
        }
        if (config.tls().enabled()) {
            String name = config.tls().tlsConfigurationName();
            TlsConfiguration tls = tlsRegistry.get(name).orElseThrow(() -> new IllegalStateException("MLLP over TLS is"
                    + " enabled but the TLS registry has no configuration '" + name + "' (quarkus.tls." + name
                    + ".key-store.pem.0.cert and .key)"));
            // The registry's certificate, protocols, cipher suites and handshake timeout; its trust store is not used: the
            // client certificate is checked against the uploaded EHR certificates, per frame.
            NetServerOptions options = baseOptions(config.tls().port())
                    .setSsl(true)
                    .setKeyCertOptions(tls.getKeyStoreOptions())
                    .setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()))
                    .setClientAuth(ClientAuth.REQUIRED)
                    .setEnabledSecureTransportProtocols(tls.getSSLOptions().getEnabledSecureTransportProtocols())
                    .setSslHandshakeTimeout(tls.getSSLOptions().getSslHandshakeTimeout())
                    .setSslHandshakeTimeoutUnit(tls.getSSLOptions().getSslHandshakeTimeoutUnit());
            tls.getSSLOptions().getEnabledCipherSuites().forEach(options::addEnabledCipherSuite);
            tlsPort = listen(options, MllpServer::clientCertificate);
            Log.infof("MLLP over TLS listening on %s:%d, client certificates required", config.host(), tlsPort);
        }
    }

    private NetServerOptions baseOptions(int port) {
        return new NetServerOptions()
                .setHost(config.host())
                .setPort(port)
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true);
    }

    /** Listens on one server per event loop; returns the port (the chosen one when configured as 0). */
    private int listen(NetServerOptions options, Function<NetSocket, Credential> credentials) {
        // One server per event loop on the same port: Vert.x shares the socket and spreads connections over the loops,
        // so connections are served on every core (a single server would handle them all on one thread). Vert.x shares a
        // port between servers that ask for the same number; 0 (tests) would give each its own, so a free port is chosen.
        int port = options.getPort() == 0 ? freePort() : options.getPort();
        options.setPort(port);
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < loops; i++) {
            Context loop = vertx.getOrCreateContext();
            CompletableFuture<NetServer> listening = new CompletableFuture<>();
            loop.runOnContext(v -> vertx.createNetServer(options)
                    .connectHandler(socket -> connected(socket, credentials))
                    .listen()
                    .onSuccess(listening::complete).onFailure(listening::completeExceptionally));
            servers.add(listening.join());
        }
        return port;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sender of a TLS connection is the certificate it presented (the handshake proved it holds its key). */
    private static Credential clientCertificate(NetSocket socket) {
        try {
            List<Certificate> chain = socket.peerCertificates();
            if (chain == null || chain.isEmpty()) {
                return new Unauthenticated("the TLS client presented no certificate");
            }
            return new EhrCertificate(ConfigurationSnapshot.EhrCertificate.fingerprintOf(chain.get(0).getEncoded()),
                    Optional.empty());
        } catch (SSLPeerUnverifiedException | CertificateEncodingException e) {
            return new Unauthenticated("the TLS client certificate could not be read");
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        for (NetServer listening : servers) {
            listening.close().toCompletionStage().toCompletableFuture().join();
        }
        servers.clear();
    }

    /** The plain listener's port (the chosen one when configured as 0). */
    public int port() {
        return port;
    }

    /** The TLS listener's port (the chosen one when configured as 0); 0 when it is off. */
    public int tlsPort() {
        return tlsPort;
    }

    private void connected(NetSocket socket, Function<NetSocket, Credential> credentials) {
        if (connections.incrementAndGet() > config.maxConnections()) {
            connections.decrementAndGet();
            Log.warnf("MLLP connection from %s closed: more than %d connections", socket.remoteAddress(),
                    config.maxConnections());
            socket.close();
            return;
        }
        String description = (socket.isSsl() ? "mllps " : "mllp ") + socket.remoteAddress();
        new Connection(socket, vertx.getOrCreateContext(), new Sender(credentials.apply(socket), description, false)).start();
    }

    /** One sender's connection: frames in arrival order, one in flight at a time. */
    private final class Connection {

        private final NetSocket socket;
        private final Context context;
        private final MllpFrameDecoder decoder = new MllpFrameDecoder(config.maxFrameBytes());
        private final ArrayDeque<Frame> pending = new ArrayDeque<>();
        private final Sender sender;
        private boolean busy;
        private boolean closed;

        Connection(NetSocket socket, Context context, Sender sender) {
            this.socket = socket;
            this.context = context;
            this.sender = sender;
        }

        void start() {
            socket.handler(this::received);
            socket.closeHandler(v -> {
                closed = true;
                connections.decrementAndGet();
            });
            socket.exceptionHandler(e -> Log.debugf("MLLP connection %s: %s", sender.description(), e.getClass().getName()));
        }

        private void received(Buffer bytes) {
            pending.addAll(decoder.feed(bytes.getBytes()));
            next();
        }

        /** Handles the next frame unless one is in flight; pauses reading while frames wait. */
        private void next() {
            if (busy || closed) {
                return;
            }
            Frame frame = pending.poll();
            if (frame == null) {
                socket.resume();
                return;
            }
            busy = true;
            socket.pause();
            answer(frame).subscribe().with(ack -> context.runOnContext(v -> {
                ack.ifPresent(text -> socket.write(Buffer.buffer(MllpFrameDecoder.frame(text.getBytes(StandardCharsets.UTF_8)))));
                busy = false;
                next();
            }), failure -> context.runOnContext(v -> {
                // Hl7Intake never fails; if it did, closing makes the sender resend rather than wait forever.
                Log.errorf("MLLP connection %s closed after an unexpected failure", sender.description());
                socket.close();
            }));
        }

        private Uni<Optional<String>> answer(Frame frame) {
            // Each frame on its own duplicated context: what Hibernate Reactive's sessions are bound to.
            Context frameContext = VertxContext.createNewDuplicatedContext(context);
            VertxContextSafetyToggle.setContextSafe(frameContext, true);
            return Uni.createFrom().<Optional<String>>emitter(emitter -> frameContext.runOnContext(v -> {
                Uni<Optional<String>> answer = frame instanceof Oversized oversized
                        ? intake.oversized(oversized.head(), oversized.size(), config.maxFrameBytes(), sender)
                        : intake.handle(((Message) frame).bytes(), sender);
                answer.subscribe().with(emitter::complete, emitter::fail);
            }));
        }
    }
}
