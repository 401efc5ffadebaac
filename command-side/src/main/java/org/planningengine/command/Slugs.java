package org.planningengine.command;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Ids for what is created without one (initiatives, objectives, key results, lessons): readable from a title, unique
 * by a random suffix.
 */
public final class Slugs {

    private static final int TITLE_PART = 40;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Slugs() {
    }

    public static String fromTitle(String title) {
        String slug = title == null ? "" : Normalizer.normalize(title, Normalizer.Form.NFD)
                                                     .replaceAll("\\p{M}", "")
                                                     .toLowerCase(Locale.ROOT)
                                                     .replaceAll("[^a-z0-9]+", "-");
        slug = slug.substring(0, Math.min(slug.length(), TITLE_PART)).replaceAll("^-+|-+$", "");
        return (slug.isEmpty() ? "initiative" : slug) + "-" + suffix();
    }

    private static String suffix() {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }
}
