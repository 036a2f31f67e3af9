package io.github.distributedcounter.internal;

import java.math.BigDecimal;
import java.util.List;

import io.github.distributedcounter.CounterObserver;
import io.github.distributedcounter.DecimalCounterException;

/**
 * Writes a batch as one {@code UpdateItem} that adds the callers' sum; each caller gets the old value plus
 * its running sum. Where the batch's condition fails (counter missing, or some caller's result out of range)
 * its callers are written one by one, in order, so each gets the result or error a serial run would give.
 * Where the counter holds a decimal the write is applied, and each caller gets a {@link DecimalCounterException}
 * with its own value. The observer hears of a write before its callers get their values.
 */
final class TableIncrementWriter implements IncrementWriter {

    private final IncrementSender sender;
    private final CounterObserver observer;

    TableIncrementWriter(IncrementSender sender, CounterObserver observer) {
        this.sender = sender;
        this.observer = observer;
    }

    @Override
    public void write(String key, List<PendingIncrement> batch) {
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
            base = sender.add(key, new Delta(sum, min, max, first.increment.initialValue()), true) - sum;
        } catch (ConditionNotMetException e) {
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

    private void written(String key, int increments) {
        observer.incrementBatchWritten(increments);
        if (sender.paced(key)) {
            observer.pacedBatchWritten(increments);
        }
        observer.incrementsServed(increments);
    }

    private void writeAlone(String key, PendingIncrement call) {
        try {
            long value = sender.add(key, Delta.of(call.increment), false);
            written(key, 1);
            call.complete(value);
        } catch (NotALongException e) {
            written(key, 1);
            call.fail(new DecimalCounterException(key, e.newValue()));
        } catch (ConditionNotMetException e) {
            call.fail(sender.conditionFailure(key, call.increment, e.oldItem()));
        } catch (RuntimeException e) {
            call.fail(e);
        }
    }

}
