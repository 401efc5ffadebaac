package org.planningengine.query.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a delivery, as Stripe signs its webhooks: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" with the subscription's secret>}. The time is signed with the body, so a receiver that refuses old
 * times (five minutes is usual) cannot be sent a recorded delivery again.
 */
public final class Signatures {

    public static final String HEADER = "Planning-Signature";

    private Signatures() {
    }

    public static String sign(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
    }

    static String hmac(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
