package io.ehrconnector.hl7ingest.mllp;

import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Frame;
import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Message;
import io.ehrconnector.hl7ingest.mllp.MllpFrameDecoder.Oversized;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MllpFrameDecoderTest {

    private static final String A = "MSH|^~\\&|EPIC|HOSP|||20261122||SIU^S12|1|P|2.5.1\rSCH|1";
    private static final String B = "MSH|^~\\&|EPIC|HOSP|||20261122||SIU^S15|2|P|2.5.1\rSCH|2";

    @Test
    void framesAreFoundWhateverTheChunking() {
        byte[] stream = concat(MllpFrameDecoder.frame(bytes(A)), MllpFrameDecoder.frame(bytes(B)));
        for (int chunk = 1; chunk <= stream.length; chunk++) {
            MllpFrameDecoder decoder = new MllpFrameDecoder(4096);
            List<Frame> frames = new ArrayList<>();
            for (int from = 0; from < stream.length; from += chunk) {
                frames.addAll(decoder.feed(Arrays.copyOfRange(stream, from, Math.min(stream.length, from + chunk))));
            }
            assertEquals(List.of(A, B), frames.stream().map(f -> text(((Message) f).bytes())).toList(), "chunk " + chunk);
            assertFalse(decoder.inFrame());
            assertEquals(0, decoder.skippedBytes());
        }
    }

    @Test
    void noiseBetweenFramesIsSkippedAndAnAbandonedFrameIsDropped() {
        MllpFrameDecoder decoder = new MllpFrameDecoder(4096);
        byte[] abandoned = concat(new byte[] {MllpFrameDecoder.START_BLOCK}, bytes("MSH|half"));
        List<Frame> frames = decoder.feed(concat(bytes("\r\n  "), abandoned, MllpFrameDecoder.frame(bytes(A))));
        assertEquals(1, frames.size());
        assertEquals(A, text(((Message) frames.get(0)).bytes()));
        assertEquals(4 + "MSH|half".length(), decoder.skippedBytes());
    }

    @Test
    void anEndBlockWithoutCarriageReturnStillEndsTheFrame() {
        MllpFrameDecoder decoder = new MllpFrameDecoder(4096);
        byte[] lenient = concat(new byte[] {MllpFrameDecoder.START_BLOCK}, bytes(A), new byte[] {MllpFrameDecoder.END_BLOCK});
        List<Frame> frames = decoder.feed(concat(lenient, MllpFrameDecoder.frame(bytes(B))));
        assertEquals(List.of(A, B), frames.stream().map(f -> text(((Message) f).bytes())).toList());
    }

    @Test
    void anOversizedFrameIsReportedWithItsHeadAndTheNextFrameIsUnaffected() {
        MllpFrameDecoder decoder = new MllpFrameDecoder(2048);
        String big = A + "\rNTE|" + "x".repeat(10_000);
        List<Frame> frames = decoder.feed(concat(MllpFrameDecoder.frame(bytes(big)), MllpFrameDecoder.frame(bytes(B))));
        assertEquals(2, frames.size());
        Oversized oversized = assertInstanceOf(Oversized.class, frames.get(0));
        assertEquals(big.length(), oversized.size());
        assertEquals(MllpFrameDecoder.HEAD_BYTES, oversized.head().length);
        assertTrue(text(oversized.head()).startsWith(A), "the head holds MSH to answer the sender");
        assertEquals(B, text(((Message) frames.get(1)).bytes()));
    }

    @Test
    void aFrameOfExactlyTheLimitIsAMessage() {
        MllpFrameDecoder decoder = new MllpFrameDecoder(2048);
        String exact = A + "x".repeat(2048 - A.length());
        assertInstanceOf(Message.class, decoder.feed(MllpFrameDecoder.frame(bytes(exact))).get(0));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
