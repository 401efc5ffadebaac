package org.planningengine.command;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Ids for what is created without one (initiatives, objectives, key results, lessons): readable from a title, unique
 * by a random suffix (or, for an import, one digested from what the id stands for).
 */
public final class Slugs {

    private static final int TITLE_PART = 40;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Slugs() {
    }

    public static String fromTitle(String title) {
        return readable(title) + "-" + suffix();
    }

    /** The same id for the same title and seed: what an import creates is found again when it is sent again. */
    public static String fromTitle(String title, String seed) {
        BigInteger digest = new BigInteger(1, sha256(seed));
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt(digest.mod(BigInteger.valueOf(ALPHABET.length())).intValue()));
            digest = digest.divide(BigInteger.valueOf(ALPHABET.length()));
        }
        return readable(title) + "-" + suffix;
    }

    private static String readable(String title) {
        String slug = title == null ? "" : Normalizer.normalize(title, Normalizer.Form.NFD)
                                                     .replaceAll("\\p{M}", "")
                                                     .toLowerCase(Locale.ROOT)
                                                     .replaceAll("[^a-z0-9]+", "-");
        slug = slug.substring(0, Math.min(slug.length(), TITLE_PART)).replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "initiative" : slug;
    }

    private static byte[] sha256(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every Java has SHA-256", missing);
        }
    }

    private static String suffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }
}
