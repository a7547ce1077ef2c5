package org.burnrate.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Signs and checks webhook messages in both directions: {@code X-Burnrate-Timestamp} carries the
 * epoch seconds, {@code X-Burnrate-Signature} is {@code sha256=} and the lower-case hex
 * HMAC-SHA256, keyed with the shared secret, of the timestamp, a dot and the raw body.
 */
final class WebhookSignature {

    static final String TIMESTAMP_HEADER = "X-Burnrate-Timestamp";
    static final String SIGNATURE_HEADER = "X-Burnrate-Signature";
    static final String SCHEME = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    WebhookSignature(String secret) {
        if (secret.isBlank()) {
            throw new IllegalArgumentException("A webhook secret must not be blank.");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The {@code X-Burnrate-Signature} value for this timestamp and body. */
    String sign(long epochSeconds, byte[] body) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * Checks a received message: both headers present (names in any case), the timestamp a number
     * within {@code tolerance} of {@code now} either way, and the signature matching.
     *
     * @return the moment the sender signed the message
     * @throws CallbackRejectedException naming what is wrong
     */
    Instant verify(Map<String, String> headers, byte[] body, Instant now, Duration tolerance) {
        String timestamp = header(headers, TIMESTAMP_HEADER);
        String signature = header(headers, SIGNATURE_HEADER);
        if (timestamp == null || timestamp.isBlank()) {
            throw new CallbackRejectedException("The callback has no " + TIMESTAMP_HEADER + " header.");
        }
        if (signature == null || signature.isBlank()) {
            throw new CallbackRejectedException("The callback has no " + SIGNATURE_HEADER + " header.");
        }
        long epochSeconds;
        try {
            epochSeconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new CallbackRejectedException("The " + TIMESTAMP_HEADER + " header is not a number of seconds since "
                    + "1970-01-01T00:00:00Z: '" + excerpt(timestamp) + "'.");
        }
        byte[] expected = sign(epochSeconds, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw new CallbackRejectedException("The " + SIGNATURE_HEADER + " does not match the body and timestamp: "
                    + "sign \"<timestamp>.<raw body>\" with HMAC-SHA256 and the shared secret and send " + SCHEME
                    + "<lower-case hex>.");
        }
        Instant sentAt;
        try {
            sentAt = Instant.ofEpochSecond(epochSeconds);
        } catch (java.time.DateTimeException e) {
            throw new CallbackRejectedException("The " + TIMESTAMP_HEADER + " " + epochSeconds + " is out of range.");
        }
        if (Duration.between(sentAt, now).abs().compareTo(tolerance) > 0) {
            throw new CallbackRejectedException("The callback's timestamp " + sentAt + " is more than " + tolerance
                    + " away from now (" + now + "): stale or from the future, so it is refused as a possible replay.");
        }
        return sentAt;
    }

    /** A header by name, whatever the case of the name. */
    static @Nullable String header(Map<String, String> headers, String name) {
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        for (var entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static String excerpt(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
