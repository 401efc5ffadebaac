package org.planningengine.query.decision;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.planningengine.events.Decisions;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision log records exactly the events that are decisions, the ones the planning metrics count. */
class DecisionTypesTest {

    @Test
    void theDecisionLogHasAnEntryForEveryDecisionAndForNothingElse() {
        Set<Class<?>> handled = Arrays.stream(DecisionProjection.class.getDeclaredMethods())
                                      .filter(method -> method.isAnnotationPresent(EventHandler.class))
                                      .filter(DecisionTypesTest::recordsADecision)
                                      .map(method -> method.getParameterTypes()[0])
                                      .collect(Collectors.toSet());

        assertThat(handled).containsExactlyInAnyOrderElementsOf(Decisions.TYPES);
    }

    /** The handlers that record a decision take the message; those that only follow a subject's cycle do not. */
    private static boolean recordsADecision(Method handler) {
        return Arrays.asList(handler.getParameterTypes()).contains(EventMessage.class);
    }
}
