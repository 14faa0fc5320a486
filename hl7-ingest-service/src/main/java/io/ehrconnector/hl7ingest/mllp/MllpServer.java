package io.ehrconnector.hl7ingest.mllp;

import io.ehrconnector.hl7ingest.config.Hl7Config;
import io.ehrconnector.hl7ingest.intake.Hl7Intake;
import io.ehrconnector.hl7ingest.intake.Hl7Intake.Sender;
import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Frame;
import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Message;
import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Oversized;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MLLP listener. Each connection is answered strictly in order: while one frame is being made durable, the socket is
 * paused, so a sender that does not wait for its ACK is slowed by TCP rather than buffered here (nothing is held that a crash
 * could lose unacknowledged). Oversized frames are answered AR; too many connections are closed at once; silent ones after
 * the idle timeout.
 *
 * <p>Plain TCP has no sender identity: the listener serves the configuration {@code ehr.hl7.mllp.plain-configuration-id}
 * names, or refuses every frame. (TLS with client certificates, which routes by the EHR certificate, is the next step.)
 */
@ApplicationScoped
public class MllpServer {

    private final Vertx vertx;
    private final Hl7Intake intake;
    private final Hl7Config.Mllp config;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<NetServer> servers = new CopyOnWriteArrayList<>();
    private volatile int port;

    MllpServer(Vertx vertx, Hl7Intake intake, Hl7Config config) {
        this.vertx = vertx;
        this.intake = intake;
        this.config = config.hl7().mllp();
    }

    void start(@Observes StartupEvent started) {
        if (!config.enabled()) {
            return;
        }
        NetServerOptions options = new NetServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true);
        // One server per event loop on the same port: Vert.x shares the socket and spreads connections over the loops,
        // so connections are served on every core (a single server would handle them all on one thread).
        int loops = Math.max(1, Runtime.getRuntime().availableProcessors());
        // Vert.x shares a port between servers that ask for the same number; 0 (tests) would give each its own, so a free
        // port is chosen first.
        int port = config.port() == 0 ? freePort() : config.port();
        options.setPort(port);
        for (int i = 0; i < loops; i++) {
            listen(options);
        }
        this.port = port;
        Log.infof("MLLP listening on %s:%d on %d event loops (%s)", config.host(), port, loops,
                config.plainConfigurationId().isPresent() ? "plain, bound to one configuration" : "plain, refusing all");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private NetServer listen(NetServerOptions options) {
        Context loop = vertx.getOrCreateContext();
        java.util.concurrent.CompletableFuture<NetServer> listening = new java.util.concurrent.CompletableFuture<>();
        loop.runOnContext(v -> vertx.createNetServer(options).connectHandler(this::connected).listen()
                .onSuccess(listening::complete).onFailure(listening::completeExceptionally));
        NetServer started = listening.join();
        servers.add(started);
        return started;
    }

    void stop(@Observes ShutdownEvent stopping) {
        for (NetServer listening : servers) {
            listening.close().toCompletionStage().toCompletableFuture().join();
        }
        servers.clear();
    }

    /** The port it listens on (the chosen one when configured as 0). */
    public int port() {
        return port;
    }

    private void connected(NetSocket socket) {
        if (connections.incrementAndGet() > config.maxConnections()) {
            connections.decrementAndGet();
            Log.warnf("MLLP connection from %s closed: more than %d connections", socket.remoteAddress(),
                    config.maxConnections());
            socket.close();
            return;
        }
        new Connection(socket, vertx.getOrCreateContext()).start();
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

        Connection(NetSocket socket, Context context) {
            this.socket = socket;
            this.context = context;
            this.sender = new Sender(config.plainConfigurationId(), "mllp " + socket.remoteAddress());
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
            if (frame instanceof Oversized oversized) {
                return intake.oversized(oversized.head(), oversized.size(), config.maxFrameBytes(), sender);
            }
            byte[] message = ((Message) frame).bytes();
            // Each frame on its own duplicated context: what Hibernate Reactive's sessions are bound to.
            Context frameContext = VertxContext.createNewDuplicatedContext(context);
            VertxContextSafetyToggle.setContextSafe(frameContext, true);
            return Uni.createFrom().<Optional<String>>emitter(emitter -> frameContext.runOnContext(v ->
                    intake.handle(message, sender).subscribe().with(emitter::complete, emitter::fail)));
        }
    }
}
