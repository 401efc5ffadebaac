package org.planningengine.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordsTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final PasswordEncoder bcrypt = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    };
    private final VerifiedPasswords passwords = new VerifiedPasswords(counting);

    @Test
    void aPasswordThatMatchedItsHashOnceIsNotHashedAgainAWrongOneAlwaysIs() {
        String hash = passwords.encode("a-long-password");

        assertThat(passwords.matches("a-long-password", hash)).isTrue();
        assertThat(passwords.matches("a-long-password", hash)).isTrue();
        assertThat(passwords.matches("not-the-password", hash)).isFalse();
        assertThat(passwords.matches("not-the-password", hash)).isFalse();

        assertThat(checks).hasValue(3);
    }

    @Test
    void aNewHashOfTheSamePasswordIsCheckedInFullAndTheOldOneMatchesNothingElse() {
        String before = passwords.encode("a-long-password");
        passwords.matches("a-long-password", before);
        String after = passwords.encode("another-password");

        assertThat(passwords.matches("a-long-password", after)).isFalse();
        assertThat(passwords.matches("another-password", after)).isTrue();
        assertThat(checks).hasValue(3);
    }
}
