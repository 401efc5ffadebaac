package org.planningengine.security.web;

import java.util.Set;

/**
 * Query parameters every endpoint of a side takes without naming them, because an interceptor reads them (the query
 * side's {@code consistentWith}); {@link KnownParameters} accepts them besides each endpoint's own.
 */
@FunctionalInterface
public interface CommonParameters {

    Set<String> names();
}
