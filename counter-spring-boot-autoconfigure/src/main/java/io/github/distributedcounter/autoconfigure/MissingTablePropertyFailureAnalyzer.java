package io.github.distributedcounter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a missing {@code distributed-counter.table} at start-up. */
class MissingTablePropertyFailureAnalyzer extends AbstractFailureAnalyzer<MissingTablePropertyException> {

    static final String DESCRIPTION = "The distributed counter has no DynamoDB table: "
            + "the property 'distributed-counter.table' is not set.";

    static final String ACTION = "Set 'distributed-counter.table' to the name of the counter table, for example "
            + "distributed-counter.table=counters in application.properties. Add "
            + "distributed-counter.create-table=true to create it at start-up.";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingTablePropertyException cause) {
        return new FailureAnalysis(DESCRIPTION, ACTION, cause);
    }
}
