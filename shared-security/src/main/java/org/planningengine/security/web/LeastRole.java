package org.planningengine.security.web;

import org.planningengine.security.Role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role that may call the endpoint, as the API description names it ({@code x-least-role}). The side's
 * access rules decide; this only says what they decide, and the access matrix test holds the two together.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LeastRole {

    Role value();

    /** For {@link Role#LEAD}: whose lead (the team of the path's initiative, say). */
    String of() default "";
}
