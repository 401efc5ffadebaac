package org.planningengine.security;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The users who sign in with a password, on a real MongoDB wire-protocol server. */
class PlanningUsersTest {

    private static final String HASH = "{bcrypt}$2a$04$zjIrvpUUga27vt9TTOaAXePkTNjhwQFkQ68GhxkXdbL321TL1EGD.";

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private MongoServer server;
    private MongoClient client;
    private UserAccounts accounts;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + server.bindAndGetConnectionString().replace("mongodb://", ""));
        MongoDatabase database = client.getDatabase("planning");
        accounts = new UserAccounts(database);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void configuredUsersComeFirstThenTheStoredOnes() {
        PlanningUsers users = users(Map.of("maria", new SecuritySettings.ConfiguredUser(HASH, List.of("PLANNER"))));
        accounts.save(new UserAccounts.Account("li", encoder.encode("li-long-password"), List.of(Grant.parse("LEAD:payments")),
                                               "maria", Instant.parse("2027-01-01T00:00:00Z")));

        assertThat(authorities(users.loadUserByUsername("maria"))).contains("ROLE_PLANNER");
        UserDetails li = users.loadUserByUsername("li");
        assertThat(authorities(li)).contains("ROLE_LEAD", "LEAD:payments").doesNotContain("ROLE_PLANNER");
        assertThat(encoder.matches("li-long-password", li.getPassword())).isTrue();
        assertThatThrownBy(() -> users.loadUserByUsername("nobody")).isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void aConfiguredPasswordMustBeAHashAndAConfiguredUserMustHoldARole() {
        assertThatThrownBy(() -> users(Map.of("maria", new SecuritySettings.ConfiguredUser("secret", List.of("ADMIN")))))
                .hasMessageContaining("planning.security.users.maria.password must be a password hash");
        assertThatThrownBy(() -> users(Map.of("maria", new SecuritySettings.ConfiguredUser("{noop}secret",
                                                                                          List.of("ADMIN")))))
                .hasMessageContaining("must be a password hash");
        assertThatThrownBy(() -> users(Map.of("maria", new SecuritySettings.ConfiguredUser(HASH, List.of()))))
                .hasMessageContaining("must name at least one role");
        assertThatThrownBy(() -> users(Map.of("maria", new SecuritySettings.ConfiguredUser(HASH, List.of("LEAD")))))
                .hasMessageContaining("planning.security.users.maria.roles: a lead is named with its team");
    }

    @Test
    void theFirstAdministratorIsCreatedOnceWithARandomPasswordAndOnlyWhenNoUserIsConfiguredOrStored() {
        PlanningUsers none = users(Map.of());
        new FirstAdministrator(none, encoder).afterPropertiesSet();
        String firstHash = accounts.find("admin").orElseThrow().passwordHash();
        assertThat(firstHash).startsWith("{bcrypt}$2a$10$");
        assertThat(authorities(none.loadUserByUsername("admin"))).contains("ROLE_ADMIN");

        new FirstAdministrator(none, encoder).afterPropertiesSet();
        assertThat(accounts.find("admin").orElseThrow().passwordHash()).isEqualTo(firstHash);

        accounts.delete("admin");
        PlanningUsers configured = users(Map.of("maria", new SecuritySettings.ConfiguredUser(HASH, List.of("ADMIN"))));
        new FirstAdministrator(configured, encoder).afterPropertiesSet();
        assertThat(accounts.find("admin")).isEmpty();
    }

    private PlanningUsers users(Map<String, SecuritySettings.ConfiguredUser> configured) {
        return new PlanningUsers(new SecuritySettings(configured, new SecuritySettings.Jwt("sub", "roles")), accounts);
    }

    private static List<String> authorities(UserDetails user) {
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
