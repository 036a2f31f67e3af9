package io.github.distributedcounter.internal;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An increment's condition failed: the counter is missing or the result would leave the long range. */
final class ConditionNotMetException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, AttributeValue> oldItem;

    ConditionNotMetException(Map<String, AttributeValue> oldItem) {
        super(null, null, false, false);
        this.oldItem = oldItem;
    }

    /** The item as it was, or an empty map where there was none. */
    Map<String, AttributeValue> oldItem() {
        return oldItem;
    }
}
