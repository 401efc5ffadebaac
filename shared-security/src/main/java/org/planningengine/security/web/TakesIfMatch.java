package org.planningengine.security.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The write takes {@code If-Match}: it applies only when the one item it changes is at the version the header names.
 * On any other write the header is refused ({@link KnownPreconditions}), so a new write ignores none until it says
 * it takes it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TakesIfMatch {
}
