package io.rocklet.mq.client.protocol;

import io.rocklet.mq.api.InvalidSubscriptionException;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A subscription's tag expression: {@code "*"} (or empty) for all, or {@code "A || B"}. The broker
 * matches tag hashes; the client re-checks the tag strings, since hashes collide.
 */
public final class TagFilter {
    public static final TagFilter ALL = new TagFilter("*", Set.of(), new long[0]);

    private final String expression;
    private final Set<String> tags;
    private final long[] hashes;

    private TagFilter(String expression, Set<String> tags, long[] hashes) {
        this.expression = expression;
        this.tags = tags;
        this.hashes = hashes;
    }

    /** @throws InvalidSubscriptionException an empty tag between {@code ||}, or a null expression */
    public static TagFilter parse(String expression) {
        if (expression == null) {
            throw new InvalidSubscriptionException("subscription expression is null");
        }
        String trimmed = expression.trim();
        if (trimmed.isEmpty() || trimmed.equals("*")) {
            return ALL;
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String part : trimmed.split("\\|\\|", -1)) {
            String tag = part.trim();
            if (tag.isEmpty() || tag.contains("|") || tag.equals("*")) {
                throw new InvalidSubscriptionException("invalid tag expression: '" + expression + "'");
            }
            tags.add(tag);
        }
        long[] hashes = tags.stream().mapToLong(String::hashCode).sorted().toArray();
        return new TagFilter(trimmed, Set.copyOf(tags), hashes);
    }

    public boolean matchesAll() {
        return hashes.length == 0;
    }

    /** Broker side: by hash. */
    public boolean matchesHash(long tagHash) {
        return hashes.length == 0 || Arrays.binarySearch(hashes, tagHash) >= 0;
    }

    /** Client side: by string. */
    public boolean matchesTag(String tag) {
        return hashes.length == 0 || (tag != null && tags.contains(tag));
    }

    public String expression() {
        return expression;
    }

    public Set<String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return expression;
    }
}
