package io.ehrconnector.support.ehr;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpRequestImpl;
import io.vertx.ext.web.client.impl.WebClientInternal;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * Reads a response body into bytes, up to {@code limit}. One byte more fails the read with {@link TooLarge} and resets
 * the request, which closes the connection: a huge or endless answer costs at most {@code limit} bytes of memory and is
 * not drained. One instance per request; {@link #install(WebClient)} lets the web client hand it the response.
 */
public final class LimitedBodyCodec implements BodyCodec<byte[]> {

    private final int limit;
    private volatile HttpClientResponse response;
    private volatile boolean exceeded;

    public LimitedBodyCodec(int limit) {
        this.limit = limit;
    }

    /**
     * Registers the web client interceptor that gives each {@link LimitedBodyCodec} the response it reads, so an
     * oversized answer can be cut off at the connection (the web client itself would drain it to the end).
     */
    public static void install(WebClient client) {
        ((WebClientInternal) client).addInterceptor(context -> {
            if (context.phase() == ClientPhase.RECEIVE_RESPONSE && context.request() instanceof HttpRequestImpl<?> request
                    && request.bodyCodec() instanceof LimitedBodyCodec codec) {
                codec.response = context.clientResponse();
            }
            context.next();
        });
    }

    /** Whether the body went over the limit (the request then fails, with TooLarge or with the reset it caused). */
    public boolean exceeded() {
        return exceeded;
    }

    private void cutOff() {
        exceeded = true;
        abort();
    }

    /** Resets the request if its response is being read: for a caller that gave up waiting. */
    public void abort() {
        HttpClientResponse current = response;
        if (current != null) {
            current.request().reset();
        }
    }

    @Override
    public void create(Handler<AsyncResult<BodyStream<byte[]>>> handler) {
        handler.handle(Future.succeededFuture(new Stream()));
    }

    /** The body exceeded the limit. */
    public static final class TooLarge extends RuntimeException {

        private final int limit;

        public TooLarge(int limit) {
            super("response body larger than " + limit + " bytes", null, false, false);
            this.limit = limit;
        }

        public int limit() {
            return limit;
        }
    }

    private final class Stream implements BodyStream<byte[]> {

        private final Promise<byte[]> result = Promise.promise();
        private final Buffer body = Buffer.buffer();

        @Override
        public Future<byte[]> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            if (result.future().isComplete()) {
                return Future.failedFuture(result.future().failed() ? result.future().cause() : new IllegalStateException("ended"));
            }
            if ((long) body.length() + data.length() > limit) {
                TooLarge tooLarge = new TooLarge(limit);
                result.tryFail(tooLarge);
                cutOff();
                return Future.failedFuture(tooLarge);
            }
            body.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            Future<Void> written = write(data);
            if (handler != null) {
                written.onComplete(handler);
            }
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            result.tryComplete(body.getBytes());
            if (handler != null) {
                handler.handle(result.future().failed() ? Future.failedFuture(result.future().cause()) : Future.succeededFuture());
            }
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
