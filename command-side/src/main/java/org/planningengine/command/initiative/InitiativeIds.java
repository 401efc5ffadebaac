package org.planningengine.command.initiative;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Locale;

/** Ids for initiatives proposed without one: readable from the title, unique by a random suffix. */
final class InitiativeIds {

    private static final int TITLE_PART = 40;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InitiativeIds() {
    }

    static String fromTitle(String title) {
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
