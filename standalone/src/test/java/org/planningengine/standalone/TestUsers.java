package org.planningengine.standalone;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The users the tests configure (src/test/resources/config/application.yml), all with one password. */
public final class TestUsers {

    public static final String PASSWORD = "test-password";
    /** The tests' password hashed at BCrypt's cheapest cost, for users configured on a command line. */
    public static final String HASH = "{bcrypt}$2a$04$zjIrvpUUga27vt9TTOaAXePkTNjhwQFkQ68GhxkXdbL321TL1EGD.";
    /** An administrator: the user of every test that names none. */
    public static final String TESTER = "tester";

    private TestUsers() {
    }

    /** The {@code Authorization} header of this user, signing in with HTTP Basic. */
    public static String basic(String user) {
        return basic(user, PASSWORD);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
