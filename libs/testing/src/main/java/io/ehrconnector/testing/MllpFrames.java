package io.ehrconnector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The sending side of MLLP for tests and benchmarks that talk to a listener over a plain socket. */
public final class MllpFrames {

    private static final int START_BLOCK = 0x0b;
    private static final int END_BLOCK = 0x1c;

    private MllpFrames() {
    }

    /** {@code <VT> message <FS><CR>}. */
    public static byte[] frame(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[bytes.length + 3];
        framed[0] = START_BLOCK;
        System.arraycopy(bytes, 0, framed, 1, bytes.length);
        framed[framed.length - 2] = END_BLOCK;
        framed[framed.length - 1] = 0x0d;
        return framed;
    }

    /** Reads the next frame's message (blocking); fails when the connection closes first. */
    public static String read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) != -1) {
            if (b == START_BLOCK) {
                continue;
            }
            if (b == END_BLOCK) {
                in.read();
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(b);
        }
        throw new IOException("connection closed before the end of the frame");
    }
}
