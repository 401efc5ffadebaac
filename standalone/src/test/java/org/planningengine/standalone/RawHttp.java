package org.planningengine.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 by hand: the request line goes out exactly as written (an encoded slash, a NUL, {@code ..}), which an
 * HTTP client would tidy or refuse first.
 */
public final class RawHttp {

    /** A raw HTTP/1.1 answer: status line, headers (names in lower case) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    /**
     * Paths the servlet container or the firewall refuse to read, or that name what is never served: each a
     * {@code 400} or {@code 404} problem.
     */
    public static final List<String> UNREADABLE_PATHS = List.of(
            "/api/cycles/a%2Fb", "/api/cycles/a%2fb/roadmap", "/api/cycles/a%00b", "/api/cycles/%2e%2e/x",
            "/api/../WEB-INF/web.xml", "/api/cycles/..;/x", "/api/cycles;jsessionid=1", "/api/cycles/s1;x=1/roadmap",
            "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/api/cycles/a%5Cb", "/api//cycles", "/%uFFFF");

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /** A problem+json of this status and type, with nothing of the framework or the container in it. */
    public static void assertProblem(Answer answer, int status, String type) throws IOException {
        String what = answer.status() + " " + answer.headers() + " " + answer.body();
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("type").asText()).as(what).isEqualTo("urn:planning-engine:problem:" + type);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(answer.body()).as(what).doesNotContainIgnoringCase("<html").doesNotContain("Exception")
                                 .doesNotContain("Tomcat").doesNotContain("Spring").doesNotContain("about:blank");
    }

    /** One request line sent as written, on a connection of its own. */
    public static Answer send(int port, String method, String path, String authorization) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n"
                             + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                             + (method.equals("GET") ? "" : "Content-Type: application/json\r\nContent-Length: 2\r\n")
                             + "Connection: close\r\n\r\n" + (method.equals("GET") ? "" : "{}");
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Answer parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunked(body);
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }

    private static String unchunked(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
