package io.ehrconnector.hl7ingest.mllp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts one connection's byte stream into MLLP frames ({@code <VT> message <FS><CR>}, HL7 MLLP release 1 and 2), however
 * the bytes arrive in chunks. Bytes between frames are skipped (counted in {@link #skippedBytes()}); a frame larger than
 * the limit is not kept: it is reported as {@link Oversized} with its first bytes (enough to read MSH and answer it) once
 * its end arrives. One decoder per connection; not thread-safe.
 */
public final class MllpFrameDecoder {

    public static final byte START_BLOCK = 0x0b;
    public static final byte END_BLOCK = 0x1c;
    public static final byte CARRIAGE_RETURN = 0x0d;
    /** How much of an oversized frame is kept to answer it: MSH with its control id fits well within. */
    static final int HEAD_BYTES = 1024;

    /** What a complete frame turned out to be. */
    public sealed interface Frame permits Message, Oversized {
    }

    /** A whole frame within the limit: the HL7 message bytes between the block characters. */
    public record Message(byte[] bytes) implements Frame {
    }

    /** A frame over the limit: its first {@link #HEAD_BYTES} bytes and its full size. */
    public record Oversized(byte[] head, long size) implements Frame {
    }

    private final int maxFrameBytes;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private boolean inFrame;
    private boolean afterEndBlock;
    private long frameSize;
    private long skipped;

    public MllpFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < HEAD_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be at least " + HEAD_BYTES);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Feeds the next bytes received; returns the frames they completed, in order (often none or one). */
    public List<Frame> feed(byte[] chunk) {
        List<Frame> frames = new ArrayList<>(1);
        for (byte b : chunk) {
            if (afterEndBlock) {
                afterEndBlock = false;
                if (b == CARRIAGE_RETURN) {
                    continue;
                }
            }
            if (!inFrame) {
                if (b == START_BLOCK) {
                    inFrame = true;
                    frameSize = 0;
                    current.reset();
                } else {
                    skipped++;
                }
                continue;
            }
            if (b == END_BLOCK) {
                frames.add(frameSize > maxFrameBytes
                        ? new Oversized(current.toByteArray(), frameSize)
                        : new Message(current.toByteArray()));
                inFrame = false;
                afterEndBlock = true;
                current.reset();
                continue;
            }
            if (b == START_BLOCK) {
                // A sender that gave up on a frame and started again: the unfinished one is dropped (it was never ACKed).
                skipped += frameSize;
                frameSize = 0;
                current.reset();
                continue;
            }
            frameSize++;
            if (frameSize <= maxFrameBytes || current.size() < HEAD_BYTES) {
                current.write(b);
            }
            if (frameSize == maxFrameBytes + 1) {
                byte[] head = Arrays.copyOf(current.toByteArray(), Math.min(current.size(), HEAD_BYTES));
                current.reset();
                current.writeBytes(head);
            }
        }
        return frames;
    }

    /** Whether part of a frame is waiting for more bytes. */
    public boolean inFrame() {
        return inFrame;
    }

    /** Bytes seen outside any frame (noise, keep-alives, abandoned frames). */
    public long skippedBytes() {
        return skipped;
    }

    /** Wraps {@code message} in an MLLP frame. */
    public static byte[] frame(byte[] message) {
        byte[] framed = new byte[message.length + 3];
        framed[0] = START_BLOCK;
        System.arraycopy(message, 0, framed, 1, message.length);
        framed[framed.length - 2] = END_BLOCK;
        framed[framed.length - 1] = CARRIAGE_RETURN;
        return framed;
    }
}
