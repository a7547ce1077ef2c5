package org.burnrate.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TokenHashingTest {

    @Test
    void aSecretIsStoredAsItsSha256InHex() {
        // FIPS 180-2's example: the hash a token's row holds must be the plain SHA-256 of its secret.
        assertThat(TokenHashing.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void requestsHashingAtOnceEachGetTheirOwnSecretsHash() throws Exception {
        List<String> secrets = IntStream.range(0, 2000).mapToObj(i -> TokenHashing.newSecret()).toList();
        List<String> alone = secrets.stream().map(TokenHashing::hash).toList();
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> together = secrets.stream().map(secret -> pool.submit(() -> TokenHashing.hash(secret)))
                    .toList();
            for (int i = 0; i < secrets.size(); i++) {
                assertThat(together.get(i).get()).isEqualTo(alone.get(i));
            }
        }
        assertThat(alone).doesNotHaveDuplicates();
    }
}
