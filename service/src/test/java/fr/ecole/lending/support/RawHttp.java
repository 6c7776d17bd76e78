package fr.ecole.lending.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte on a socket of its own, for requests no well-behaved client would
 * build: raw bytes in the request line, undecodable escapes, a body shorter than its declared length.
 * One request per connection ({@code Connection: close}); only to localhost.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** An answer; {@code resetWhileSending} when the server closed the connection before the request was sent whole. */
    public record Answer(int status, Map<String, String> headers, byte[] body, boolean resetWhileSending) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Sends {@code head} (request line and headers, without the blank line that ends them, which is
     * added) and {@code body}; {@code declaredLength} is sent as Content-Length when not negative.
     */
    public static Answer send(int port, byte[] head, byte[] body, long declaredLength) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            boolean reset = false;
            try {
                ByteArrayOutputStream request = new ByteArrayOutputStream(head.length + 64);
                request.write(head);
                if (declaredLength >= 0) {
                    request.write(("\r\nContent-Length: " + declaredLength).getBytes(StandardCharsets.US_ASCII));
                }
                request.write("\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(request.toByteArray());
                out.write(body);
                out.flush();
                if (declaredLength > body.length) {
                    // the body stops short of what was announced: the server sees the end of the stream
                    socket.shutdownOutput();
                }
            } catch (IOException closedEarly) {
                // the server may refuse before reading everything (a body too large) and close: read its answer
                reset = true;
            }
            byte[] raw;
            try {
                raw = socket.getInputStream().readAllBytes();
            } catch (IOException e) {
                if (!reset) {
                    throw e;
                }
                return new Answer(0, Map.of(), new byte[0], true);
            }
            return parse(raw, reset);
        }
    }

    private static Answer parse(byte[] raw, boolean reset) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            if (raw.length == 0 && reset) {
                return new Answer(0, Map.of(), new byte[0], true);
            }
            throw new IOException("no complete response head in " + raw.length + " bytes: "
                    + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, body, reset);
    }

    private static byte[] unchunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunked.length);
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                throw new IOException("truncated chunk header");
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).strip(), 16);
            if (length == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
