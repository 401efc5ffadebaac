package org.planningengine.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Request bodies have a size limit ({@code planning.api.max-body-size}, 64 KB; files sent to an import
 * {@code planning.api.max-import-size}, 16 MB): a body announced larger is refused
 * before it is read, and one that grows larger while read (chunked) is cut off; both are {@code 413} problem+json.
 * As a body is read, a digest of the request (method, path, body) is taken, which tells a retry under an
 * idempotency key from another request under the same key.
 */
@Component
public class RequestBodies extends OncePerRequestFilter {

    static final String READ_BODY = RequestBodies.class.getName() + ".body";

    /** Thrown while reading a body past the limit; the JSON reader passes it on as the cause of its failure. */
    public static final class BodyTooLarge extends IOException {

        BodyTooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes");
        }
    }

    /** The files imports are sent to (POST), which have a limit of their own. */
    private static final Pattern IMPORTS = Pattern.compile("/api/cycles/[^/]+/(okr-)?imports");

    private final long bodyLimit;
    private final long importLimit;

    public RequestBodies(@Value("${planning.api.max-body-size:64KB}") DataSize bodyLimit,
                         @Value("${planning.api.max-import-size:16MB}") DataSize importLimit) {
        this.bodyLimit = bodyLimit.toBytes();
        this.importLimit = importLimit.toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getMethod().equals("POST") && IMPORTS.matcher(request.getRequestURI()).matches()
                     ? importLimit : bodyLimit;
        if (request.getContentLengthLong() > limit) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"urn:planning-engine:problem:body-too-large\","
                                              + "\"title\":\"Request body too large\",\"status\":413,"
                                              + "\"detail\":\"" + new BodyTooLarge(limit).getMessage() + "\"}")
                                                     .getBytes(StandardCharsets.UTF_8));
            return;
        }
        Limited limited = new Limited(request, limit);
        request.setAttribute(READ_BODY, limited);
        chain.doFilter(limited, response);
    }

    /** The request's method, path and the body read so far, and who sent it, digested (hex SHA-256). */
    static String digest(HttpServletRequest request, String caller) {
        Object body = request.getAttribute(READ_BODY);
        MessageDigest digest = body instanceof Limited limited ? limited.copyOfDigest() : sha256();
        digest.update(("\n" + caller).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java has SHA-256", missing);
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private final MessageDigest digest = sha256();
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
            digest.update((request.getMethod() + " " + request.getRequestURI() + "\n")
                                  .getBytes(StandardCharsets.UTF_8));
        }

        MessageDigest copyOfDigest() {
            try {
                return (MessageDigest) digest.clone();
            } catch (CloneNotSupportedException impossible) {
                throw new IllegalStateException("SHA-256 digests clone", impossible);
            }
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream body = super.getInputStream();
                stream = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int next = body.read();
                        if (next >= 0 && ++read > limit) {
                            throw new BodyTooLarge(limit);
                        }
                        if (next >= 0) {
                            digest.update((byte) next);
                        }
                        return next;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int count = body.read(buffer, offset, length);
                        if (count > 0 && (read += count) > limit) {
                            throw new BodyTooLarge(limit);
                        }
                        if (count > 0) {
                            digest.update(buffer, offset, count);
                        }
                        return count;
                    }

                    @Override
                    public boolean isFinished() {
                        return body.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return body.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        body.setReadListener(listener);
                    }
                };
            }
            return stream;
        }
    }
}
