package org.planningengine.standalone.embedded;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server's half of SCRAM-SHA-256 (RFC 7677, RFC 5802) for one user whose password is known only to this
 * process, as MongoDB's {@code saslStart}/{@code saslContinue} carry it. Only the stored key and the server key are
 * kept; the password itself is not. No channel binding (the driver sends {@code n,,}).
 */
final class ScramSha256Server {

    /** MongoDB's drivers refuse fewer; the salted password is computed once per client, so more would cost little. */
    static final int ITERATIONS = 4096;

    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();
    private static final String GS2_HEADER = "n,,";

    private final String user;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;
    private final SecureRandom random;

    ScramSha256Server(String user, String password, SecureRandom random) {
        this.user = user;
        this.random = random;
        this.salt = new byte[16];
        random.nextBytes(salt);
        byte[] saltedPassword = pbkdf2(password, salt);
        this.storedKey = sha256(hmac(saltedPassword, "Client Key"));
        this.serverKey = hmac(saltedPassword, "Server Key");
    }

    /** A conversation after the client's first message: what the second needs. */
    record Challenge(String clientFirstBare, String serverFirst, String nonce) {
    }

    /** Reads the client's first message and answers the server's first; fails for another user or a bad message. */
    Challenge start(byte[] clientFirst) {
        String message = new String(clientFirst, StandardCharsets.UTF_8);
        if (!message.startsWith(GS2_HEADER)) {
            throw new ScramFailure("channel binding and authorisation identities are not supported");
        }
        String bare = message.substring(GS2_HEADER.length());
        Map<String, String> attributes = attributes(bare);
        String clientNonce = attributes.get("r");
        if (!user.equals(attributes.get("n")) || clientNonce == null || clientNonce.isEmpty()) {
            throw new ScramFailure("unknown user or malformed first message");
        }
        byte[] serverPart = new byte[24];
        random.nextBytes(serverPart);
        String nonce = clientNonce + BASE64.encodeToString(serverPart);
        String serverFirst = "r=" + nonce + ",s=" + BASE64.encodeToString(salt) + ",i=" + ITERATIONS;
        return new Challenge(bare, serverFirst, nonce);
    }

    /** Checks the client's proof; answers the server's final message ({@code v=} its signature) if it holds. */
    byte[] finish(Challenge challenge, byte[] clientFinal) {
        String message = new String(clientFinal, StandardCharsets.UTF_8);
        int proofAt = message.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new ScramFailure("no proof");
        }
        String withoutProof = message.substring(0, proofAt);
        Map<String, String> attributes = attributes(withoutProof);
        if (!BASE64.encodeToString(GS2_HEADER.getBytes(StandardCharsets.US_ASCII)).equals(attributes.get("c"))
                || !challenge.nonce().equals(attributes.get("r"))) {
            throw new ScramFailure("channel binding or nonce does not match");
        }
        byte[] proof;
        try {
            proof = BASE64_DECODER.decode(message.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new ScramFailure("malformed proof");
        }
        String authMessage = challenge.clientFirstBare() + "," + challenge.serverFirst() + "," + withoutProof;
        byte[] clientSignature = hmac(storedKey, authMessage);
        if (proof.length != clientSignature.length) {
            throw new ScramFailure("wrong proof");
        }
        byte[] clientKey = new byte[proof.length];
        for (int i = 0; i < proof.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
        }
        if (!MessageDigest.isEqual(sha256(clientKey), storedKey)) {
            throw new ScramFailure("wrong proof");
        }
        return ("v=" + BASE64.encodeToString(hmac(serverKey, authMessage))).getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attributes.putIfAbsent(part.substring(0, 1), part.substring(2));
            }
        }
        return attributes;
    }

    private static byte[] pbkdf2(String password, byte[] salt) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The conversation failed: the client is not who it must be, or spoke SCRAM wrongly. */
    static final class ScramFailure extends RuntimeException {
        ScramFailure(String message) {
            super(message);
        }
    }
}
