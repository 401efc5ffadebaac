package org.planningengine.security.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read answers the item's version as a strong {@code ETag} ({@code "3"}), the one its writes take as
 * {@code If-Match}. Read by the API description only: the read sets the header itself.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnswersETag {
}
