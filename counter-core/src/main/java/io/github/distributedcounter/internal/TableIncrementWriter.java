package io.github.distributedcounter.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.github.distributedcounter.CounterNotFoundException;
import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DecimalCounterException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes a batch as one {@code UpdateItem} that adds the callers' sum; each caller gets the old value plus
 * its running sum. Where the batch's condition fails (counter missing, or some caller's result out of range)
 * its callers are written one by one, in order, so each gets the result or error a serial run would give.
 * Where the counter holds a decimal the write is applied, and each caller gets a {@link DecimalCounterException}
 * with its own value. Batches of the decimal API go to {@link DecimalIncrements}. The observer hears of a write
 * before its callers get their values.
 */
final class TableIncrementWriter implements IncrementWriter {

    private final IncrementSender sender;
    private final TableSchema schema;
    private final CounterObserver observer;
    private final DecimalIncrements decimals;

    TableIncrementWriter(IncrementSender sender, TableSchema schema, CounterObserver observer) {
        this.sender = sender;
        this.schema = schema;
        this.observer = observer;
        this.decimals = new DecimalIncrements(sender, schema, this::written);
    }

    @Override
    public void write(String key, List<PendingIncrement> batch) {
        if (batch.get(0).decimal != null) {
            decimals.write(key, batch);
            return;
        }
        if (batch.size() > 1 && writeTogether(key, batch)) {
            return;
        }
        for (PendingIncrement call : batch) {
            writeAlone(key, call);
        }
    }

    private boolean writeTogether(String key, List<PendingIncrement> batch) {
        long[] prefixes = new long[batch.size()];
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        try {
            for (int i = 0; i < prefixes.length; i++) {
                sum = Math.addExact(sum, batch.get(i).increment.amount());
                prefixes[i] = sum;
                min = Math.min(min, sum);
                max = Math.max(max, sum);
            }
        } catch (ArithmeticException sumOutOfRange) {
            return false;
        }
        PendingIncrement first = batch.get(0);
        long base;
        try {
            base = sender.add(key, new Delta(sum, min, max, first.increment.initialValue()), true).newValue(sum)
                    - sum;
        } catch (ConditionNotMetException | NumberRefusedException e) {
            return false;
        } catch (NotALongException e) {
            written(key, batch.size());
            BigDecimal decimalBase = e.newValue().subtract(BigDecimal.valueOf(sum));
            for (int i = 0; i < prefixes.length; i++) {
                batch.get(i).fail(new DecimalCounterException(key, decimalBase.add(BigDecimal.valueOf(prefixes[i]))));
            }
            return true;
        } catch (RuntimeException e) {
            for (PendingIncrement call : batch) {
                call.fail(e);
            }
            return true;
        }
        written(key, batch.size());
        for (int i = 0; i < prefixes.length; i++) {
            batch.get(i).complete(base + prefixes[i]);
        }
        return true;
    }

    void written(String key, int increments) {
        observer.incrementBatchWritten(increments);
        if (sender.paced(key)) {
            observer.pacedBatchWritten(increments);
        }
        observer.incrementsServed(increments);
    }

    private void writeAlone(String key, PendingIncrement call) {
        Increment increment = call.increment;
        try {
            long value = sender.add(key, Delta.of(increment), false).newValue(increment.amount());
            written(key, 1);
            call.complete(value);
        } catch (NotALongException e) {
            written(key, 1);
            call.fail(new DecimalCounterException(key, e.newValue()));
        } catch (ConditionNotMetException e) {
            call.fail(conditionFailure(key, increment, e.oldItem()));
        } catch (NumberRefusedException e) {
            call.fail(new ArithmeticException("Adding " + increment.amount() + " to counter '" + key
                    + "' gives a number DynamoDB cannot store; nothing was written"));
        } catch (RuntimeException e) {
            call.fail(e);
        }
    }

    /** The exception a single caller gets when its increment's condition failed. */
    private RuntimeException conditionFailure(String key, Increment increment, Map<String, AttributeValue> old) {
        if (!schema.holdsValue(old)) {
            return increment.initialValue().isPresent()
                    ? new ArithmeticException("Initial value plus " + increment.amount() + " for key '" + key
                            + "' is outside the long range; nothing was written")
                    : new CounterNotFoundException(key);
        }
        return new ArithmeticException("Adding " + increment.amount() + " to counter '" + key + "' ("
                + schema.value(key, old) + ") would leave the long range; nothing was written");
    }
}
