package org.planningengine.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * On the first start with no users configured and none stored, creates {@code admin} with a random password and
 * prints it, once, to the log. There is never a fixed default password; when several replicas start together, the
 * user store's key lets one of them create it.
 */
public class FirstAdministrator implements InitializingBean {

    static final String NAME = "admin";
    private static final Logger log = LoggerFactory.getLogger(FirstAdministrator.class);

    private final PlanningUsers users;
    private final PasswordEncoder encoder;

    public FirstAdministrator(PlanningUsers users, PasswordEncoder encoder) {
        this.users = users;
        this.encoder = encoder;
    }

    @Override
    public void afterPropertiesSet() {
        UserAccounts accounts = users.accounts();
        if (!users.configured().isEmpty() || !accounts.none()) {
            return;
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UserAccounts.Account admin = new UserAccounts.Account(NAME, encoder.encode(password),
                                                              List.of(new Grant(Role.ADMIN, null)),
                                                              "planning-engine", Instant.now());
        if (accounts.create(admin)) {
            log.warn("""

                    ==========================================================================
                    No users were configured, so the user '{}' was created with the password

                        {}

                    It is shown this once. Sign in with it and create the users you need
                    (PUT /api/admin/users/{{name}}); change it the same way.
                    ==========================================================================""",
                     NAME, password);
        }
    }
}
