package io.github.distributedcounter.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;

import io.github.distributedcounter.CounterNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes a batch of the decimal API as one {@code UpdateItem} that adds the callers' exact sum; each caller gets the
 * old value plus its running sum, as DynamoDB stores numbers. Where one request cannot give every caller what a
 * serial run would (see {@link DecimalDelta}), or DynamoDB refuses it, its callers are written one by one, in order,
 * so that a caller whose result DynamoDB cannot store gets an {@link ArithmeticException} and the others their
 * values.
 */
final class DecimalIncrements {

    private final IncrementSender sender;
    private final TableSchema schema;
    private final ObjIntConsumer<String> written;

    /** @param written told of every write: the key and how many increments it carried */
    DecimalIncrements(IncrementSender sender, TableSchema schema, ObjIntConsumer<String> written) {
        this.sender = sender;
        this.schema = schema;
        this.written = written;
    }

    void write(String key, List<PendingIncrement> batch) {
        if (batch.size() > 1 && writeTogether(key, batch)) {
            return;
        }
        for (PendingIncrement call : batch) {
            writeAlone(key, call);
        }
    }

    private boolean writeTogether(String key, List<PendingIncrement> batch) {
        DecimalDelta delta = DecimalDelta.combined(batch.stream().map(call -> call.decimal).toList());
        if (delta == null) {
            return false;
        }
        BigDecimal base;
        try {
            base = sender.add(key, delta, true).newValue(delta.sum()).subtract(delta.sum());
        } catch (ConditionNotMetException | NumberRefusedException e) {
            return false;
        } catch (RuntimeException e) {
            for (PendingIncrement call : batch) {
                call.fail(e);
            }
            return true;
        }
        written.accept(key, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(DynamoDbNumbers.normalized(base.add(delta.prefixes().get(i))));
        }
        return true;
    }

    private void writeAlone(String key, PendingIncrement call) {
        DecimalIncrement increment = call.decimal;
        try {
            BigDecimal value = sender.add(key, DecimalDelta.of(increment), false).newValue(increment.amount());
            written.accept(key, 1);
            call.complete(value);
        } catch (ConditionNotMetException e) {
            call.fail(conditionFailure(key, increment, e.oldItem()));
        } catch (NumberRefusedException e) {
            call.fail(notStorable("Adding " + increment.amount().toPlainString() + " to counter '" + key + "'"));
        } catch (RuntimeException e) {
            call.fail(e);
        }
    }

    /**
     * The exception a single caller gets when its increment's condition failed: with no range bound on a lone
     * decimal increment, that is a missing counter without an initial value, or one whose initial value plus the
     * amount DynamoDB cannot store.
     */
    private RuntimeException conditionFailure(String key, DecimalIncrement increment, Map<String, AttributeValue> old) {
        if (schema.holdsValue(old) || increment.initialValue() == null) {
            return new CounterNotFoundException(key);
        }
        return notStorable("Starting counter '" + key + "' at " + increment.initialValue().toPlainString()
                + " and adding " + increment.amount().toPlainString());
    }

    private static ArithmeticException notStorable(String what) {
        return new ArithmeticException(what + " gives a number DynamoDB cannot store (more than 38 significant "
                + "digits, or a magnitude outside 1E-130 to 9.9999999999999999999999999999999999999E+125); nothing "
                + "was written");
    }
}
