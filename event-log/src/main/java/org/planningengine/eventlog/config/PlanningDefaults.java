package org.planningengine.eventlog.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The engine never calls out: Axon's update checker is turned off before anything starts. It reads only a system
 * property, an environment variable or a file in the user's home (which it would otherwise create, opted in), never
 * Spring's configuration, so the system property is the one switch that always wins.
 */
public class PlanningDefaults implements EnvironmentPostProcessor {

    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";
    static final String CONSOLE_MESSAGE_DISABLED = "disable-axoniq-console-message";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (String property : new String[]{UPDATE_CHECKER_DISABLED, CONSOLE_MESSAGE_DISABLED}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "true");
            }
        }
    }
}
