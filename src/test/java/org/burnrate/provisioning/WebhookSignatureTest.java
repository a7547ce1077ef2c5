package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final String SECRET = "s3cret-shared-with-the-orchestrator";
    static final long TIMESTAMP = 1_795_000_000L;
    static final Instant NOW = Instant.ofEpochSecond(TIMESTAMP);
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final byte[] BODY = "{\"resourceId\":7,\"state\":\"RUNNING\"}".getBytes(StandardCharsets.UTF_8);

    final WebhookSignature signature = new WebhookSignature(SECRET);

    /** Computed here independently of the class under test. */
    static String hmac(String secret, String message) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void signsTimestampDotBodyAsLowerCaseHexHmacSha256() throws Exception {
        String expected = hmac(SECRET, TIMESTAMP + "." + new String(BODY, StandardCharsets.UTF_8));
        assertThat(signature.sign(TIMESTAMP, BODY)).isEqualTo(expected).matches("sha256=[0-9a-f]{64}");
    }

    @Test
    void matchesAFixedVectorComputedOutsideJava() {
        // python3: hmac.new(SECRET, b'1795000000.{"resourceId":7,"state":"RUNNING"}', hashlib.sha256).hexdigest()
        assertThat(signature.sign(TIMESTAMP, BODY))
                .isEqualTo("sha256=186613ecffb6f1e800ef61f3a347085920cff0e8445db09948839d7501ef386e");
    }

    @Test
    void acceptsAValidSignatureWithHeaderNamesInAnyCase() throws Exception {
        var headers = Map.of("x-burnrate-timestamp", Long.toString(TIMESTAMP), "X-BURNRATE-SIGNATURE",
                hmac(SECRET, TIMESTAMP + "." + new String(BODY, StandardCharsets.UTF_8)));
        assertThat(signature.verify(headers, BODY, NOW.plusSeconds(30), TOLERANCE)).isEqualTo(NOW);
    }

    @Test
    void refusesATamperedBody() {
        var headers = signed(BODY);
        byte[] tampered = "{\"resourceId\":8,\"state\":\"RUNNING\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> signature.verify(headers, tampered, NOW, TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void refusesASignatureMadeWithAnotherSecret() throws Exception {
        var headers = Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(TIMESTAMP),
                WebhookSignature.SIGNATURE_HEADER, hmac("another-secret", TIMESTAMP + "." + new String(BODY,
                        StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> signature.verify(headers, BODY, NOW, TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void refusesASignatureForAnotherTimestamp() {
        var headers = Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(TIMESTAMP + 1),
                WebhookSignature.SIGNATURE_HEADER, signature.sign(TIMESTAMP, BODY));
        assertThatThrownBy(() -> signature.verify(headers, BODY, NOW, TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("does not match");
    }

    @Test
    void refusesMissingHeaders() {
        var onlySignature = Map.of(WebhookSignature.SIGNATURE_HEADER, signature.sign(TIMESTAMP, BODY));
        assertThatThrownBy(() -> signature.verify(onlySignature, BODY, NOW, TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("no X-Burnrate-Timestamp");
        var onlyTimestamp = Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(TIMESTAMP));
        assertThatThrownBy(() -> signature.verify(onlyTimestamp, BODY, NOW, TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("no X-Burnrate-Signature");
        assertThatThrownBy(() -> signature.verify(Map.of(), BODY, NOW, TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class);
    }

    @Test
    void refusesATimestampThatIsNotANumber() {
        var headers = Map.of(WebhookSignature.TIMESTAMP_HEADER, "yesterday",
                WebhookSignature.SIGNATURE_HEADER, signature.sign(TIMESTAMP, BODY));
        assertThatThrownBy(() -> signature.verify(headers, BODY, NOW, TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("not a number");
    }

    @Test
    void refusesStaleAndFutureTimestampsButAcceptsTheEdgeOfTheTolerance() {
        var headers = signed(BODY);
        assertThatThrownBy(() -> signature.verify(headers, BODY, NOW.plus(TOLERANCE).plusSeconds(1), TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("stale or from the future");
        assertThatThrownBy(() -> signature.verify(headers, BODY, NOW.minus(TOLERANCE).minusSeconds(1), TOLERANCE))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("stale or from the future");
        assertThat(signature.verify(headers, BODY, NOW.plus(TOLERANCE), TOLERANCE)).isEqualTo(NOW);
        assertThat(signature.verify(headers, BODY, NOW.minus(TOLERANCE), TOLERANCE)).isEqualTo(NOW);
    }

    @Test
    void refusesABlankSecret() {
        assertThatThrownBy(() -> new WebhookSignature(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private Map<String, String> signed(byte[] body) {
        return Map.of(WebhookSignature.TIMESTAMP_HEADER, Long.toString(TIMESTAMP),
                WebhookSignature.SIGNATURE_HEADER, signature.sign(TIMESTAMP, body));
    }
}
