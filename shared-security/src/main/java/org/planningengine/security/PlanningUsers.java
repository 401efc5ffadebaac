package org.planningengine.security;

import org.planningengine.security.SecuritySettings.ConfiguredUser;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The users who sign in with a name and password: those named in configuration, then those kept in the user store.
 * A configured user's password must be a hash: the engine refuses to start on a plain one.
 */
public class PlanningUsers implements UserDetailsService {

    /** A user configured by the operator, as it signs in: its hash and roles. */
    public record ConfiguredAccount(String passwordHash, List<Grant> grants) {
    }

    private final Map<String, ConfiguredAccount> configured;
    private final UserAccounts accounts;

    public PlanningUsers(SecuritySettings settings, UserAccounts accounts) {
        this.configured = settings.users().entrySet().stream().collect(
                Collectors.toUnmodifiableMap(Map.Entry::getKey, user -> configured(user.getKey(), user.getValue())));
        this.accounts = accounts;
    }

    /** The users configuration names; the user store cannot change them. */
    public Map<String, ConfiguredAccount> configured() {
        return configured;
    }

    public UserAccounts accounts() {
        return accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        Optional<ConfiguredAccount> user = Optional.ofNullable(configured.get(name))
                .or(() -> accounts.find(name).map(account -> new ConfiguredAccount(account.passwordHash(),
                                                                                    account.grants())));
        return user.map(found -> User.withUsername(name).password(found.passwordHash())
                                     .authorities(Grant.authorities(found.grants())).build())
                   .orElseThrow(() -> new UsernameNotFoundException(name));
    }

    private static ConfiguredAccount configured(String name, ConfiguredUser user) {
        String where = "planning.security.users." + name;
        String password = user.password();
        if (password == null || !password.matches("\\{(?!noop\\})[a-zA-Z0-9_-]+\\}.+")) {
            throw new IllegalStateException(where + ".password must be a password hash with its id, such as "
                                            + "{bcrypt}$2a$10$...; the engine keeps no plain passwords");
        }
        List<Grant> grants;
        try {
            grants = (user.roles() == null ? List.<String>of() : user.roles()).stream().map(Grant::parse).toList();
        } catch (IllegalArgumentException wrong) {
            throw new IllegalStateException(where + ".roles: " + wrong.getMessage(), wrong);
        }
        if (grants.isEmpty()) {
            throw new IllegalStateException(where + ".roles must name at least one role");
        }
        return new ConfiguredAccount(password, grants);
    }
}
