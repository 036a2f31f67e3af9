package io.github.distributedcounter.sample;

import io.github.distributedcounter.CounterNotFoundException;
import io.github.distributedcounter.DistributedCounter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Reads, sets, increments and decrements counters over HTTP. Keys under {@value #EVERY_N_CALLS_PREFIX} belong to
 * {@code @EveryNCalls} methods ({@link ReportService}): they can be read but not changed here.
 */
@RestController
@RequestMapping("/counters/{key}")
class CounterController {

    static final String EVERY_N_CALLS_PREFIX = "every-n-calls:";

    private final DistributedCounter counter;

    CounterController(DistributedCounter counter) {
        this.counter = counter;
    }

    @GetMapping
    CounterValue get(@PathVariable String key) {
        long value = counter.get(key).orElseThrow(() -> new CounterNotFoundException(key));
        return new CounterValue(key, value);
    }

    @PutMapping
    CounterValue put(@PathVariable String key, @RequestBody NewValue body) {
        requireWritable(key);
        if (body == null || body.value() == null) {
            throw new IllegalArgumentException(ProblemHandler.BODY_FORMAT);
        }
        counter.put(key, body.value());
        return new CounterValue(key, body.value());
    }

    @PostMapping("/increment")
    CounterValue increment(@PathVariable String key, @RequestParam(defaultValue = "1") long amount,
            @RequestParam(required = false) Long initial) {
        requireWritable(key);
        long value = initial == null ? counter.increment(key, amount) : counter.increment(key, amount, initial);
        return new CounterValue(key, value);
    }

    @PostMapping("/decrement")
    CounterValue decrement(@PathVariable String key, @RequestParam(defaultValue = "1") long amount,
            @RequestParam(required = false) Long initial) {
        requireWritable(key);
        long value = initial == null ? counter.decrement(key, amount) : counter.decrement(key, amount, initial);
        return new CounterValue(key, value);
    }

    private static void requireWritable(String key) {
        if (key.startsWith(EVERY_N_CALLS_PREFIX)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Key '" + key + "' is counted by @EveryNCalls; it can be read here but not changed");
        }
    }

    record CounterValue(String key, long value) {
    }

    record NewValue(Long value) {
    }
}
