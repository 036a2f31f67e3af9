package io.github.distributedcounter.internal;

/**
 * The shape of an increment's {@code UpdateItem}: how it writes the value, what it requires of the counter, and
 * with exactly-once on, how it records this instance's entry. {@code #v} is the value attribute, {@code #s} and
 * {@code #b} this instance's sequence and base attributes; {@code :d} the sum, {@code :init} the initial value,
 * {@code :seq} the sequence, {@code :hi} and {@code :lo} the bounds that keep every caller's result in range.
 */
record IncrementShape(ValueWrite write, Requirement requirement, Entry entry) {

    /** How the value is written. */
    enum ValueWrite {
        /** The counter exists, or a missing one starts at 0: the cheapest update for DynamoDB to evaluate. */
        ADD("ADD #v :d", " SET "),
        /** A missing counter starts at a value other than 0. */
        START_AT_INITIAL("SET #v = if_not_exists(#v, :init) + :d", ", ");

        final String expression;
        final String joinSet;

        ValueWrite(String expression, String joinSet) {
            this.expression = expression;
            this.joinSet = joinSet;
        }
    }

    /** What the counter must be for the increment to apply. */
    enum Requirement {
        /** It exists, and every caller's result stays in range. */
        EXISTS,
        /** It is missing, or exists and every caller's result stays in range. */
        EXISTS_OR_MISSING
    }

    /** This instance's exactly-once entry in the item. */
    enum Entry {
        /** Exactly-once is off: no entry. */
        NONE(null, null),
        /** The entry is there (the key was written by this instance before): the base is the value as it is. */
        KNOWN("#s < :seq", "#v"),
        /** The entry may be missing: the base is the value, or the initial value where there is none. */
        NEW("(attribute_not_exists(#s) OR #s < :seq)", "if_not_exists(#v, :init)");

        final String condition;
        final String base;

        Entry(String condition, String base) {
            this.condition = condition;
            this.base = base;
        }
    }

    /**
     * The shape for {@code delta}. {@code known}: this instance has written the key, so the counter (and its
     * entry) is assumed to exist; where that no longer holds the sender retries with the unknown shape.
     */
    static IncrementShape of(Addend delta, boolean known, boolean exactlyOnce) {
        ValueWrite write = known || !delta.startsAboveOrBelowZero() ? ValueWrite.ADD : ValueWrite.START_AT_INITIAL;
        Requirement requirement = known || !delta.initialFits() ? Requirement.EXISTS : Requirement.EXISTS_OR_MISSING;
        Entry entry = !exactlyOnce ? Entry.NONE : known ? Entry.KNOWN : Entry.NEW;
        return new IncrementShape(write, requirement, entry);
    }

    String updateExpression() {
        return entry == Entry.NONE ? write.expression
                : write.expression + write.joinSet + "#s = :seq, #b = " + entry.base;
    }

    /** The condition, given the range clauses of the delta ({@code #v <= :hi}, {@code #v >= :lo}; maybe empty). */
    String conditionExpression(String range) {
        String value = switch (requirement) {
            case EXISTS -> range.isEmpty() ? "attribute_exists(#v)" : range;
            case EXISTS_OR_MISSING -> range.isEmpty() ? null : "attribute_not_exists(#v) OR (" + range + ")";
        };
        if (entry == Entry.NONE) {
            return value;
        }
        return value == null ? entry.condition : entry.condition + " AND (" + value + ")";
    }
}
