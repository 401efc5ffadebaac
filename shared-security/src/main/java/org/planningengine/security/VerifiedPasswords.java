package org.planningengine.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers which password matched which hash, so that a client sending the same credentials with every request
 * pays BCrypt's deliberate cost once, not per request. What it remembers is a digest of the password and the hash
 * with a secret of this process, never the password; a changed password has another hash, which it has not seen, so
 * it is checked in full. The user's roles are read afresh on every request as before: only the hashing is saved.
 */
final class VerifiedPasswords implements PasswordEncoder {

    private static final int REMEMBERED = 10_000;

    private final PasswordEncoder encoder;
    private final byte[] secret = new byte[32];
    private final Set<String> verified = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    VerifiedPasswords(PasswordEncoder encoder) {
        this.encoder = encoder;
        new SecureRandom().nextBytes(secret);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return encoder.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) {
            return encoder.matches(rawPassword, encodedPassword);
        }
        String pair = digest(rawPassword, encodedPassword);
        if (verified.contains(pair)) {
            return true;
        }
        boolean matches = encoder.matches(rawPassword, encodedPassword);
        if (matches) {
            verified.add(pair);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return encoder.upgradeEncoding(encodedPassword);
    }

    private String digest(CharSequence rawPassword, String encodedPassword) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(secret);
            sha.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java has SHA-256", impossible);
        }
    }
}
