package io.github.distributedcounter.sample;

import io.github.distributedcounter.CounterNotFoundException;
import io.github.distributedcounter.DistributedCounter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads, sets, increments and decrements counters over HTTP. */
@RestController
@RequestMapping("/counters/{key}")
class CounterController {

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
        if (body == null || body.value() == null) {
            throw new IllegalArgumentException("body must be {\"value\": <number>}");
        }
        counter.put(key, body.value());
        return new CounterValue(key, body.value());
    }

    @PostMapping("/increment")
    CounterValue increment(@PathVariable String key, @RequestParam(defaultValue = "1") long amount,
            @RequestParam(required = false) Long initial) {
        long value = initial == null ? counter.increment(key, amount) : counter.increment(key, amount, initial);
        return new CounterValue(key, value);
    }

    @PostMapping("/decrement")
    CounterValue decrement(@PathVariable String key, @RequestParam(defaultValue = "1") long amount,
            @RequestParam(required = false) Long initial) {
        long value = initial == null ? counter.decrement(key, amount) : counter.decrement(key, amount, initial);
        return new CounterValue(key, value);
    }

    record CounterValue(String key, long value) {
    }

    record NewValue(Long value) {
    }
}
