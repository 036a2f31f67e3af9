package io.github.distributedcounter.emulator.internal.expression;

/** The mistakes found while parsing an expression, one kept for each {@link Check}. */
final class Problems {

    private final String[] messages = new String[Check.values().length];
    private final int[] positions = new int[messages.length];

    /** Keeps the first mistake of this kind. */
    void first(Check check, String message) {
        if (messages[check.ordinal()] == null) {
            messages[check.ordinal()] = message;
        }
    }

    /** Keeps the last mistake of this kind. */
    void last(Check check, String message) {
        messages[check.ordinal()] = message;
    }

    /** Keeps the mistake of this kind found earliest in the text. */
    void earliest(Check check, int position, String message) {
        int i = check.ordinal();
        if (messages[i] == null || position < positions[i]) {
            messages[i] = message;
            positions[i] = position;
        }
    }

    /** The mistake DynamoDB reports, or null when there is none. */
    String reported() {
        for (String message : messages) {
            if (message != null) {
                return message;
            }
        }
        return null;
    }
}
