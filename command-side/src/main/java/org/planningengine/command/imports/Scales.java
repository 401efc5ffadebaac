package org.planningengine.command.imports;

import org.planningengine.command.RuleViolated;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How an import reads the RICE numbers of a spreadsheet, chosen per import; the answer states the rules it applied.
 * Values outside a scale are refused for their row, never guessed.
 */
public record Scales(Scale impact, Scale confidence, Scale effort) {

    /** A scale one of the parameters {@code impactScale}, {@code confidenceScale} and {@code effortUnit} names. */
    enum Scale {
        /** Intercom's; the words are read too. */
        INTERCOM("impactScale", "intercom", "impact on Intercom's scale: 3 (massive), 2 (high), 1 (medium), "
                                            + "0.5 (low), 0.25 (minimal)"),
        /** A 1 to 5 rating, mapped onto Intercom's scale in order. */
        ONE_TO_FIVE("impactScale", "1-5", "impact rated 1 to 5: 1 → 0.25, 2 → 0.5, 3 → 1, 4 → 2, 5 → 3"),
        AUTO("confidenceScale", "auto", "confidence as a fraction (0.8) or a percent (80 or 80%): a value with % "
                                        + "or above 1 is a percent, divided by 100"),
        FRACTION("confidenceScale", "fraction", "confidence as a fraction of 1 (0.8)"),
        PERCENT("confidenceScale", "percent", "confidence as a percent (80 or 80%), divided by 100"),
        PERSON_WEEKS("effortUnit", "person-weeks", "effort in person-weeks"),
        PERSON_MONTHS("effortUnit", "person-months", "effort in person-months, × 52/12 to person-weeks, rounded "
                                                     + "to 2 decimals"),
        T_SHIRT("effortUnit", "t-shirt", "effort as a T-shirt size in person-weeks: XS → 1, S → 2, M → 4, L → 8, "
                                         + "XL → 16");

        final String parameter;
        final String value;
        final String rule;

        Scale(String parameter, String value, String rule) {
            this.parameter = parameter;
            this.value = value;
            this.rule = rule;
        }
    }

    private static final List<BigDecimal> INTERCOM = List.of(new BigDecimal("0.25"), new BigDecimal("0.5"),
                                                             BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("3"));
    private static final Map<String, BigDecimal> IMPACT_WORDS = Map.of(
            "minimal", INTERCOM.get(0), "low", INTERCOM.get(1), "medium", INTERCOM.get(2), "high", INTERCOM.get(3),
            "massive", INTERCOM.get(4));
    private static final Map<String, BigDecimal> T_SHIRTS = Map.of(
            "XS", BigDecimal.ONE, "S", new BigDecimal("2"), "M", new BigDecimal("4"), "L", new BigDecimal("8"),
            "XL", new BigDecimal("16"));
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    /** 1,234,567.5: thousands separated by commas, as spreadsheets format them. */
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    /** The scales named by an import's parameters; a blank one takes its default. */
    public static Scales of(String impact, String confidence, String effort) {
        return new Scales(choose("impactScale", impact, Scale.INTERCOM), choose("confidenceScale", confidence,
                                                                                Scale.AUTO),
                          choose("effortUnit", effort, Scale.PERSON_WEEKS));
    }

    List<String> rules() {
        return List.of(impact.rule, confidence.rule, effort.rule);
    }

    BigDecimal impact(String value) {
        if (impact == Scale.INTERCOM) {
            BigDecimal word = IMPACT_WORDS.get(value.toLowerCase(Locale.ROOT));
            BigDecimal number = word != null ? word : number("impact", value);
            if (INTERCOM.stream().noneMatch(allowed -> allowed.compareTo(number) == 0)) {
                throw new RuleViolated("impact", "impact on Intercom's scale must be 3, 2, 1, 0.5 or 0.25, or "
                                                 + "massive, high, medium, low or minimal (was " + value + "); a "
                                                 + "rating of 1 to 5 is read with impactScale=1-5");
            }
            return number;
        }
        BigDecimal rating = number("impact", value);
        if (rating.stripTrailingZeros().scale() > 0 || rating.compareTo(BigDecimal.ONE) < 0
            || rating.compareTo(new BigDecimal("5")) > 0) {
            throw new RuleViolated("impact", "impact rated 1 to 5 must be a whole number from 1 to 5 (was "
                                             + value + ")");
        }
        return INTERCOM.get(rating.intValue() - 1);
    }

    BigDecimal confidence(String value) {
        boolean percentSign = value.endsWith("%");
        BigDecimal number = number("confidence", percentSign ? value.substring(0, value.length() - 1).strip()
                                                             : value);
        if (percentSign && confidence == Scale.FRACTION) {
            throw new RuleViolated("confidence", "confidence is read as a fraction of 1 (was " + value + "); a "
                                                 + "percent is read with confidenceScale=percent or auto");
        }
        boolean percent = confidence == Scale.PERCENT || percentSign
                          || confidence == Scale.AUTO && number.compareTo(BigDecimal.ONE) > 0;
        return percent ? number.divide(HUNDRED).stripTrailingZeros() : number;
    }

    BigDecimal effort(String value) {
        if (effort == Scale.PERSON_MONTHS) {
            return number("effort", value).multiply(new BigDecimal("52"))
                                          .divide(new BigDecimal("12"), 2, RoundingMode.HALF_UP).stripTrailingZeros();
        }
        if (effort == Scale.T_SHIRT) {
            BigDecimal weeks = T_SHIRTS.get(value.toUpperCase(Locale.ROOT));
            if (weeks == null) {
                throw new RuleViolated("effort", "effort as a T-shirt size must be XS, S, M, L or XL (was " + value
                                                 + ")");
            }
            return weeks;
        }
        return number("effort", value);
    }

    /** A decimal number; thousands may be separated by commas. */
    static BigDecimal number(String field, String value) {
        String plain = GROUPED.matcher(value).matches() ? value.replace(",", "") : value;
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException notANumber) {
            throw new RuleViolated(field, field + " must be a number (was '" + value + "')");
        }
    }

    private static Scale choose(String parameter, String value, Scale fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        List<Scale> choices = Arrays.stream(Scale.values()).filter(scale -> scale.parameter.equals(parameter)).toList();
        return choices.stream().filter(scale -> scale.value.equalsIgnoreCase(value.strip())).findFirst().orElseThrow(
                () -> new RuleViolated(parameter, parameter + " must be one of " + String.join(
                        ", ", choices.stream().map(scale -> scale.value).toList()) + " (was " + value + ")"));
    }
}
