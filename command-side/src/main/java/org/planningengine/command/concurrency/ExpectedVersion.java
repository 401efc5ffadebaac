package org.planningengine.command.concurrency;

import org.axonframework.messaging.MetaData;

/**
 * The version a client expects an aggregate to be at when its command is handled (a write's {@code If-Match}): one
 * version, or any version of an aggregate that exists. It travels in the command's metadata and is checked by
 * {@link ExpectedVersions}; events never carry it.
 *
 * @param version the aggregate's sequence number the client read, or null for any
 */
public record ExpectedVersion(Long version) {

    /** The command's metadata key. */
    public static final String META_DATA = "expectedVersion";
    private static final String ANY = "*";

    public ExpectedVersion {
        if (version != null && version < 0) {
            throw new IllegalArgumentException("a version is 0 or more (was " + version + ")");
        }
    }

    public static ExpectedVersion any() {
        return new ExpectedVersion(null);
    }

    public static ExpectedVersion of(long version) {
        return new ExpectedVersion(version);
    }

    /** The version a command expects, or null when it expects none. */
    public static ExpectedVersion of(MetaData metaData) {
        Object value = metaData.get(META_DATA);
        if (value == null) {
            return null;
        }
        return ANY.equals(value) ? any() : of(Long.parseLong(value.toString()));
    }

    /** Whether an aggregate that exists at this version is the one expected. */
    public boolean admits(long current) {
        return version == null || version == current;
    }

    /** As the metadata carries it: {@code *} or the number. */
    @Override
    public String toString() {
        return version == null ? ANY : version.toString();
    }
}
